"""Motions and their amendments: drafted, edited, submitted, withdrawn,
amended during deliberation, and put to vote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from core import rules
from core.refusals import Refusal
from marketplace.models import Member
from marketplace.services import audit_record

from .. import indicators, tally
from ..models import Amendment, Motion, MotionRevision
from .transitions import (
    check_author,
    check_voter,
    clock,
    motion_select_for_update,
    motion_transition,
    save_transition,
)


def changes_check(changes: Any) -> dict[str, Any]:
    """Validated, normalised rule changes: an invalid value never reaches a vote."""
    if not isinstance(changes, dict) or not changes:
        raise ValidationError(
            {"changes": _("Name at least one rule and its new value.")}
        )
    checked = {}
    for key, value in changes.items():
        try:
            checked[key] = rules.validate(key, value)
        except rules.RuleError as error:
            raise ValidationError({"changes": str(error)}) from None
    return checked


def _needs_supermajority(motion: Motion) -> bool:
    if motion.kind == Motion.Kind.TEXT:
        return motion.is_charter
    return any(rules.rule(key).constitutional for key in motion.changes)


@transaction.atomic
def motion_create(
    *,
    author: Member,
    kind: str,
    title: str,
    rationale: str,
    text: str = "",
    changes: dict | None = None,
    is_charter: bool = False,
    review_on: dt.date | None = None,
    indicator: str = "",
) -> Motion:
    """Draft a motion. A text motion may name a review date and an indicator."""
    check_voter(author)
    if kind == Motion.Kind.RULES:
        changes, text, is_charter = changes_check(changes), "", False
        review_on, indicator = None, ""
    elif kind == Motion.Kind.TEXT:
        if indicator and indicator not in indicators.INDICATORS:
            raise ValidationError(
                {"indicator": _("Choose an indicator from the list.")}
            )
        if bool(review_on) != bool(indicator):
            raise ValidationError(
                {"review_on": _("A review needs both a date and an indicator.")}
            )
        if not text.strip():
            raise ValidationError({"text": _("A text motion needs its text.")})
        changes = {}
    else:
        raise ValidationError({"kind": _("Choose a rule change or a text.")})
    motion = Motion(
        author=author,
        kind=kind,
        title=title.strip(),
        rationale=rationale.strip(),
        text=text.strip(),
        changes=changes,
        is_charter=is_charter,
        review_on=review_on,
        indicator=indicator,
    )
    motion.full_clean(exclude=["state", "enactment"])
    motion.save()
    MotionRevision.objects.create(
        motion=motion,
        number=1,
        title=motion.title,
        text=motion.text,
        changes=motion.changes,
    )
    audit_record(
        actor=author.user, action="motion.drafted", target=motion, to_state=motion.state
    )
    return motion


@transaction.atomic
def motion_edit(
    *,
    motion: Motion,
    by: Member,
    title: str | None = None,
    rationale: str | None = None,
    text: str | None = None,
    changes: dict | None = None,
) -> Motion:
    """The author edits their draft; once in deliberation, only amendments change it."""
    locked = motion_select_for_update(motion)
    check_author(locked, by)
    if locked.state != Motion.State.DRAFT:
        raise Refusal(_("Only a draft can be edited; propose an amendment instead."))
    if title is not None:
        locked.title = title.strip()
    if rationale is not None:
        locked.rationale = rationale.strip()
    if locked.kind == Motion.Kind.RULES and changes is not None:
        locked.changes = changes_check(changes)
    if locked.kind == Motion.Kind.TEXT and text is not None:
        if not text.strip():
            raise ValidationError({"text": _("A text motion needs its text.")})
        locked.text = text.strip()
    locked.full_clean(exclude=["state", "enactment"])
    locked.save(update_fields=["title", "rationale", "text", "changes", "updated_at"])
    # a draft has one revision: what goes to deliberation
    MotionRevision.objects.filter(motion=locked, number=1).update(
        title=locked.title, text=locked.text, changes=locked.changes
    )
    audit_record(actor=by.user, action="motion.edited", target=locked)
    return locked


@transaction.atomic
def motion_submit(*, motion: Motion, by: Member) -> Motion:
    """Draft → deliberation: open the motion to comments, amendments and sponsors."""
    check_author(motion, by)
    return motion_transition(
        motion=motion, by=by, action="motion.submitted", method="submit"
    )


@transaction.atomic
def motion_withdraw(*, motion: Motion, by: Member, reason: str = "") -> Motion:
    check_author(motion, by)
    return motion_transition(
        motion=motion,
        by=by,
        action="motion.withdrawn",
        method="withdraw",
        reason=reason,
    )


@transaction.atomic
def motion_open_vote(
    *, motion: Motion, by: Member, now: dt.datetime | None = None
) -> Motion:
    """Deliberation → voting, once enough co-sponsors support it.

    The rules of the vote (college weights, quorums, threshold) are read now
    and fixed on the motion: a rule change adopted meanwhile does not alter a
    vote already open.
    """
    check_author(motion, by)
    now = clock(now)
    locked = motion_select_for_update(motion)
    values = rules.get_many(
        [
            "governance.sponsors_required",
            "governance.voting_days",
            "governance.college_weights",
            "governance.quorum_percent",
            "governance.college_quorum_percent",
            "governance.supermajority_percent",
        ]
    )
    needed = values["governance.sponsors_required"]
    if (
        locked.state == Motion.State.DELIBERATION
        and locked.sponsorships.count() < needed
    ):
        raise Refusal(
            _("This motion needs %(count)s co-sponsors before it can be put to vote.")
            % {"count": needed},
            code="sponsors_missing",
        )
    if locked.kind == Motion.Kind.RULES:
        changes_check(locked.changes)  # bounds may have changed since it was drafted
    supermajority = _needs_supermajority(locked)
    parameters = tally.Parameters(
        weights=values["governance.college_weights"],
        quorum_percent=values["governance.quorum_percent"],
        college_quorum_percent=values["governance.college_quorum_percent"],
        supermajority=supermajority,
        supermajority_percent=values["governance.supermajority_percent"],
    )
    return motion_transition(
        motion=locked,
        by=by,
        action="motion.vote_opened",
        method="open_vote",
        opens_at=now,
        closes_at=now + dt.timedelta(days=values["governance.voting_days"]),
        parameters=parameters.as_dict(),
        supermajority=supermajority,
    )


@transaction.atomic
def amendment_propose(
    *,
    motion: Motion,
    member: Member,
    rationale: str,
    text: str = "",
    changes: dict | None = None,
) -> Amendment:
    """Propose new text (text motion) or new values (rule motion) during deliberation."""
    check_voter(member)
    if motion.state != Motion.State.DELIBERATION:
        raise Refusal(_("Amendments are proposed during the deliberation."))
    if motion.kind == Motion.Kind.RULES:
        changes, text = changes_check(changes), ""
    else:
        if not text.strip():
            raise ValidationError({"text": _("Give the new text of the motion.")})
        changes = {}
    amendment = Amendment(
        motion=motion,
        author=member,
        rationale=rationale.strip(),
        text=text,
        changes=changes,
    )
    amendment.full_clean(exclude=["state"])
    amendment.save()
    audit_record(actor=member.user, action="amendment.proposed", target=amendment)
    return amendment


@transaction.atomic
def amendment_decide(*, amendment: Amendment, by: Member, accept: bool) -> Amendment:
    """The motion's author accepts (a new revision of the motion) or rejects an amendment."""
    motion = motion_select_for_update(amendment.motion)
    check_author(motion, by)
    if motion.state != Motion.State.DELIBERATION:
        raise Refusal(_("Amendments are decided during the deliberation."))
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    before = locked.state
    try:
        locked.accept() if accept else locked.reject()
    except TransitionNotAllowed:
        raise Refusal(_("This amendment was already decided.")) from None
    save_transition(locked, update_fields=["state"])
    if accept:
        if motion.kind == Motion.Kind.RULES:
            motion.changes = changes_check({**motion.changes, **locked.changes})
        else:
            motion.text = locked.text
        motion.save(update_fields=["changes", "text", "updated_at"])
        number = motion.revisions.count() + 1
        MotionRevision.objects.create(
            motion=motion,
            number=number,
            title=motion.title,
            text=motion.text,
            changes=motion.changes,
            amendment=locked,
        )
    audit_record(
        actor=by.user,
        action="amendment.decided",
        target=locked,
        from_state=before,
        to_state=locked.state,
    )
    return locked
