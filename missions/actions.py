"""The actions pages and API expose: name → service call, with labels for buttons.

Pages and API share this table so a button and its POST endpoint always do the
same thing. Each entry takes (obj, by, data, files) where `data` is a dict of
strings (form or JSON) and `files` a list of uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import rules
from core.form_fields import parse_euros
from marketplace.selectors import member_for_user
from marketplace.templatetags.ouvrage import cents as money_text

from . import services
from .models import CRITERIA, Dispute, Mission, Need, Proposal, side_of


@dataclass(frozen=True)
class Action:
    label: object
    run: Callable
    # form inputs the button needs: "reason", "message+files", "statement", ...
    needs: tuple[str, ...] = ()
    # destructive: shown apart from the primary action, in a danger style
    danger: bool = False
    # the sentence shown once it is done ("The need is published.")
    done: object = None
    # the label of this action's own reason box ("Why do you cancel?")
    reason_label: object = None
    # irreversible: the page asks once more, saying what will happen
    irreversible: bool = False
    # the question of that confirm step ("Award the mission to this proposal?")
    question: object = None


def _text(data, key, required=False) -> str:
    value = str(data.get(key, "") or "").strip()
    if required and not value:
        raise ValidationError({key: _("This field is required.")})
    return value


def _date(data, key) -> dt.date:
    try:
        return dt.date.fromisoformat(str(data.get(key, "")))
    except ValueError:
        raise ValidationError({key: _("Give a date as YYYY-MM-DD.")}) from None


def _cents(data, key) -> int:
    try:
        value = parse_euros(str(data.get(key, "") or ""))
    except ValidationError as exc:
        raise ValidationError({key: exc.messages}) from None
    if not value:
        raise ValidationError({key: _("Type an amount above zero.")})
    return value


NEED_ACTIONS: dict[str, Action] = {
    "publish": Action(
        gettext_lazy("Publish"),
        lambda o, by, d, f: services.need_publish(need=o, by=by),
    ),
    "close": Action(
        gettext_lazy("Close to proposals"),
        lambda o, by, d, f: services.need_close(
            need=o, by=by, reason=_text(d, "reason")
        ),
    ),
    "cancel": Action(
        gettext_lazy("Cancel the need"),
        lambda o, by, d, f: services.need_cancel(
            need=o, by=by, reason=_text(d, "reason")
        ),
        needs=("reason",),
        danger=True,
    ),
}

PROPOSAL_ACTIONS: dict[str, Action] = {
    "shortlist": Action(
        gettext_lazy("Shortlist"),
        lambda o, by, d, f: services.proposal_shortlist(proposal=o, by=by),
    ),
    "accept": Action(
        gettext_lazy("Accept and award the mission"),
        lambda o, by, d, f: services.proposal_accept(
            proposal=o, by=by, reason=_text(d, "reason")
        ),
    ),
    "decline": Action(
        gettext_lazy("Decline"),
        lambda o, by, d, f: services.proposal_decline(
            proposal=o, by=by, reason=_text(d, "reason")
        ),
        needs=("reason",),
        danger=True,
    ),
    "withdraw": Action(
        gettext_lazy("Withdraw my proposal"),
        lambda o, by, d, f: services.proposal_withdraw(
            proposal=o, by=by, reason=_text(d, "reason")
        ),
        danger=True,
    ),
}

MISSION_ACTIONS: dict[str, Action] = {
    "confirm": Action(
        gettext_lazy("Confirm and start the mission"),
        lambda o, by, d, f: services.mission_confirm(mission=o, by=by),
    ),
    "decline_award": Action(
        gettext_lazy("Decline the award"),
        lambda o, by, d, f: services.mission_decline_award(
            mission=o, by=by, reason=_text(d, "reason", True)
        ),
        needs=("reason",),
        danger=True,
    ),
    "withdraw_award": Action(
        gettext_lazy("Withdraw the award"),
        lambda o, by, d, f: services.mission_withdraw_award(
            mission=o, by=by, reason=_text(d, "reason", True)
        ),
        needs=("reason",),
        danger=True,
    ),
    "deliver": Action(
        gettext_lazy("Deliver"),
        lambda o, by, d, f: services.mission_deliver(
            mission=o, by=by, message=_text(d, "message", True), files=f
        ),
        needs=("message", "files"),
    ),
    "request_changes": Action(
        gettext_lazy("Request changes"),
        lambda o, by, d, f: services.mission_request_changes(
            mission=o, by=by, reason=_text(d, "reason", True)
        ),
        needs=("reason",),
    ),
    "resume": Action(
        gettext_lazy("Work on the changes"),
        lambda o, by, d, f: services.mission_resume(mission=o, by=by),
    ),
    "accept_milestone": Action(
        gettext_lazy("Accept this milestone"),
        lambda o, by, d, f: services.mission_accept(
            mission=o, by=by, reason=_text(d, "reason")
        ),
    ),
    "complete": Action(
        gettext_lazy("Accept the delivery and complete the mission"),
        lambda o, by, d, f: services.mission_accept(
            mission=o, by=by, reason=_text(d, "reason")
        ),
    ),
    "request_cancellation": Action(
        gettext_lazy("Ask to cancel the mission"),
        lambda o, by, d, f: services.mission_request_cancellation(
            mission=o, by=by, reason=_text(d, "reason", True)
        ),
        needs=("reason",),
        danger=True,
    ),
    "cancel": Action(
        gettext_lazy("Agree to cancel the mission"),
        lambda o, by, d, f: services.mission_cancel(
            mission=o, by=by, reason=_text(d, "reason")
        ),
        danger=True,
    ),
    "dispute": Action(
        gettext_lazy("Open a dispute"),
        lambda o, by, d, f: services.dispute_open(
            mission=o, by=by, statement=_text(d, "statement", True)
        ),
        needs=("statement",),
        danger=True,
    ),
    "declare_invoice": Action(
        gettext_lazy("Declare an invoice"),
        lambda o, by, d, f: services.invoice_declare(
            mission=o,
            by=by,
            number=_text(d, "number", True),
            amount_cents=_cents(d, "amount"),
            issued_on=_date(d, "issued_on"),
        ),
        needs=("number", "amount", "issued_on"),
    ),
    "review": Action(
        gettext_lazy("Write my review"),
        lambda o, by, d, f: services.review_write(
            mission=o, by=by, ratings=_ratings(o, by, d), text=_text(d, "text", True)
        ),
        needs=("ratings", "text"),
    ),
}

DISPUTE_ACTIONS: dict[str, Action] = {
    "answer_statement": Action(
        gettext_lazy("Answer the statement"),
        lambda o, by, d, f: services.dispute_answer(
            dispute=o, by=by, text=_text(d, "text", True)
        ),
        needs=("text",),
    ),
    "propose": Action(
        gettext_lazy("Propose a resolution"),
        lambda o, by, d, f: services.dispute_propose(
            dispute=o,
            by=by,
            resolution=_text(d, "resolution", True),
            outcome=_text(d, "outcome"),
        ),
        needs=("resolution", "outcome"),
    ),
    "accept_proposal": Action(
        gettext_lazy("Accept the proposed resolution"),
        lambda o, by, d, f: services.dispute_accept_proposal(dispute=o, by=by),
    ),
    "reject_proposal": Action(
        gettext_lazy("Reject the proposed resolution"),
        lambda o, by, d, f: services.dispute_reject_proposal(
            dispute=o, by=by, reason=_text(d, "reason")
        ),
        danger=True,
    ),
    "decide": Action(
        gettext_lazy("Close with a decision"),
        lambda o, by, d, f: services.dispute_decide(
            dispute=o,
            by=by,
            decision=_text(d, "decision", True),
            outcome=_text(d, "outcome"),
            precedent=_text(d, "precedent"),
        ),
        needs=("decision", "outcome", "precedent"),
    ),
}

INVOICE_ACTIONS: dict[str, Action] = {
    "confirm_payment": Action(
        gettext_lazy("Confirm the payment"),
        lambda o, by, d, f: services.invoice_confirm_payment(
            invoice=o, by=by, paid_on=_date(d, "paid_on")
        ),
        needs=("paid_on",),
    ),
}


def _describe(table: dict[str, Action], **fields: dict) -> None:
    """Add what a person reads around a button: its result, its reason box, its care."""
    for name, values in fields.items():
        table[name] = replace(table[name], **values)


_describe(
    NEED_ACTIONS,
    publish={"done": gettext_lazy("The need is published: experts can now answer it.")},
    close={"done": gettext_lazy("The need is closed to new proposals.")},
    cancel={
        "done": gettext_lazy("The need is cancelled."),
        "reason_label": gettext_lazy("Why do you cancel the need?"),
        "irreversible": True,
    },
)
_describe(
    PROPOSAL_ACTIONS,
    shortlist={"done": gettext_lazy("The proposal is on your shortlist.")},
    accept={
        "done": gettext_lazy("The mission is awarded; the expert must confirm it."),
        "irreversible": True,
    },
    decline={
        "done": gettext_lazy("The proposal is declined; its author is told."),
        "reason_label": gettext_lazy("Why do you decline this proposal?"),
    },
    withdraw={
        "done": gettext_lazy("Your proposal is withdrawn."),
        "irreversible": True,
    },
)
_describe(
    MISSION_ACTIONS,
    confirm={"done": gettext_lazy("The mission has started.")},
    decline_award={
        "done": gettext_lazy("You declined the mission."),
        "reason_label": gettext_lazy("Why do you decline the mission?"),
        "irreversible": True,
    },
    withdraw_award={
        "done": gettext_lazy("The award is withdrawn; the need is open again."),
        "reason_label": gettext_lazy("Why do you withdraw the award?"),
        "irreversible": True,
    },
    deliver={"done": gettext_lazy("Your delivery is sent to the company.")},
    request_changes={
        "done": gettext_lazy("Your request for changes is sent to the expert."),
        "reason_label": gettext_lazy("What should change?"),
    },
    resume={"done": gettext_lazy("You are working on the changes.")},
    accept_milestone={
        "done": gettext_lazy("The milestone is accepted."),
        "irreversible": True,
    },
    complete={
        "done": gettext_lazy("The delivery is accepted: the mission is completed."),
        "irreversible": True,
    },
    request_cancellation={
        "done": gettext_lazy("Your request to cancel is sent to the other party."),
        "reason_label": gettext_lazy("Why do you want to cancel?"),
    },
    cancel={"done": gettext_lazy("The mission is cancelled."), "irreversible": True},
    dispute={
        "done": gettext_lazy("The dispute is open; a mediator will join."),
        "irreversible": True,
    },
    declare_invoice={"done": gettext_lazy("The invoice is declared.")},
    review={"done": gettext_lazy("Your review is saved.")},
)
_describe(
    DISPUTE_ACTIONS,
    answer_statement={"done": gettext_lazy("Your answer is sent.")},
    propose={"done": gettext_lazy("The resolution is proposed to both parties.")},
    accept_proposal={"done": gettext_lazy("You accepted the proposed resolution.")},
    reject_proposal={
        "done": gettext_lazy("You rejected the proposed resolution."),
        "reason_label": gettext_lazy("Why do you reject it?"),
    },
    decide={
        "done": gettext_lazy("The dispute is closed with your decision."),
        "irreversible": True,
    },
)
_describe(
    INVOICE_ACTIONS,
    confirm_payment={"done": gettext_lazy("The payment is confirmed.")},
)

_describe(
    NEED_ACTIONS,
    cancel={"question": gettext_lazy("Cancel the need?")},
)
_describe(
    PROPOSAL_ACTIONS,
    accept={"question": gettext_lazy("Award the mission to this proposal?")},
    withdraw={"question": gettext_lazy("Withdraw your proposal?")},
)
_describe(
    MISSION_ACTIONS,
    decline_award={"question": gettext_lazy("Decline the mission?")},
    withdraw_award={"question": gettext_lazy("Withdraw the award?")},
    accept_milestone={"question": gettext_lazy("Accept this milestone?")},
    complete={
        "question": gettext_lazy("Accept the delivery and complete the mission?")
    },
    cancel={"question": gettext_lazy("Cancel the mission?")},
    dispute={"question": gettext_lazy("Open a dispute?")},
)
_describe(
    DISPUTE_ACTIONS,
    decide={"question": gettext_lazy("Close the dispute with this decision?")},
)


def _ratings(mission: Mission, by, data) -> dict[str, int]:
    side = side_of(mission, member_for_user(by)) or "company"
    source = data.get("ratings") if isinstance(data.get("ratings"), dict) else data
    ratings = {}
    for key in CRITERIA[side]:
        try:
            ratings[key] = int(
                source.get(key) if key in source else source.get(f"rating_{key}")
            )
        except (TypeError, ValueError):
            raise ValidationError(
                {key: _("Rate every criterion from 1 to 5.")}
            ) from None
    return ratings


def buttons(obj, user, table: dict[str, Action]) -> list[tuple[str, Action]]:
    """The actions `user` may take on `obj` now: its available FSM transitions in `table`."""
    names = [t.name for t in obj.get_available_user_state_transitions(user)]
    return [(name, table[name]) for name in names if name in table]


def mission_buttons(
    mission: Mission, user, *, side: str | None
) -> list[tuple[str, Action]]:
    """FSM transitions plus the actions that are not transitions (ask to cancel, invoice, review)."""
    found = buttons(mission, user, MISSION_ACTIONS)
    # nobody asked yet: either party may ask (the other then agrees with `cancel`)
    if (
        side
        and mission.state in Mission.WORKING
        and not mission.cancellation_requested_by
    ):
        found.append(("request_cancellation", MISSION_ACTIONS["request_cancellation"]))
    if side == "expert" and mission.state not in (
        Mission.State.AWARDED,
        Mission.State.CANCELLED,
    ):
        found.append(("declare_invoice", MISSION_ACTIONS["declare_invoice"]))
    return found


def dispute_buttons(
    dispute: Dispute, user, *, side: str | None
) -> list[tuple[str, Action]]:
    found = buttons(dispute, user, DISPUTE_ACTIONS)
    if side and dispute.state == Dispute.State.PROPOSED:
        accepted = getattr(dispute, f"{side}_accepted_at")
        if accepted is None:
            found.insert(0, ("accept_proposal", DISPUTE_ACTIONS["accept_proposal"]))
    return found


def _days(key: str) -> int:
    return int(rules.get(key))


def consequences(name: str, obj, user) -> list[str]:
    """What an irreversible action will do, in sentences, for its confirm step."""
    if isinstance(obj, Proposal) and name == "accept":
        others = (
            obj.need.proposals.filter(state__in=Proposal.ACTIVE_STATES)
            .exclude(pk=obj.pk)
            .count()
        )
        days = _days("missions.award_confirmation_days")
        lines = [
            _("The mission is awarded to this proposal, for %(amount)s.")
            % {"amount": money_text(obj.value_cents)},
            _("The need closes: no expert can send a new proposal."),
        ]
        if others:
            lines.append(
                ngettext(
                    "The other proposal is declined and its author is told.",
                    "The %(count)s other proposals are declined and their authors "
                    "are told.",
                    others,
                )
                % {"count": others}
            )
        lines.append(
            ngettext(
                "The expert has %(count)s day to confirm the mission; until then "
                "you may withdraw the award.",
                "The expert has %(count)s days to confirm the mission; until then "
                "you may withdraw the award.",
                days,
            )
            % {"count": days}
        )
        return lines
    if isinstance(obj, Proposal) and name == "withdraw":
        return [
            _("The company no longer sees your proposal as an offer."),
            _("While the need is open, you may send a new proposal."),
        ]
    if isinstance(obj, Need) and name == "cancel":
        return [
            _("The need is withdrawn: experts can no longer answer it."),
            _("The proposals received are declined and their authors are told."),
        ]
    if isinstance(obj, Dispute) and name == "decide":
        return [
            _("The dispute is closed with your decision and its outcome."),
            _("Both parties are told; the decision cannot be changed."),
        ]
    if isinstance(obj, Mission):
        return _mission_consequences(name, obj)
    return []


def _mission_consequences(name: str, mission: Mission) -> list[str]:
    if name == "decline_award":
        return [
            _("You will not work on this mission."),
            _("The need is open again and the company may choose another expert."),
        ]
    if name == "withdraw_award":
        return [
            _("The expert is told that the award is withdrawn."),
            _("The need is open again; the proposals declined by the award are back."),
        ]
    if name == "accept_milestone":
        return [
            _("This milestone is accepted as delivered."),
            _("The expert moves on to the next milestone."),
        ]
    if name == "complete":
        days = _days("missions.review_window_days")
        return [
            _("The delivery is accepted and the mission is completed."),
            ngettext(
                "Both parties have %(count)s day to write their review.",
                "Both parties have %(count)s days to write their review.",
                days,
            )
            % {"count": days},
        ]
    if name == "cancel":
        return [
            _("The mission ends now, without being completed."),
            _("Invoices already declared stay as they are."),
        ]
    if name == "dispute":
        return [
            _("The work stops while a mediator looks at the problem."),
            _("The other party is told and may answer your statement."),
            _("The mediator proposes a resolution or decides."),
        ]
    return []
