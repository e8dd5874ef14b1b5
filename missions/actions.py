"""The actions pages and API expose: name → service call, with labels for buttons.

Pages and API share this table so a button and its POST endpoint always do the
same thing. Each entry takes (obj, by, data, files) where `data` is a dict of
strings (form or JSON) and `files` a list of uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.selectors import member_for_user

from . import services
from .models import CRITERIA, Dispute, Mission, side_of


@dataclass(frozen=True)
class Action:
    label: object
    run: Callable
    # form inputs the button needs: "reason", "message+files", "statement", ...
    needs: tuple[str, ...] = ()
    danger: bool = False


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
    raw = str(data.get(key, "")).replace(" ", "").replace(",", ".")
    try:
        value = round(float(raw) * 100) if "." in raw else int(raw) * 100
    except ValueError:
        raise ValidationError({key: _("Give an amount in euros.")}) from None
    if value <= 0:
        raise ValidationError({key: _("Give a positive amount.")})
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
