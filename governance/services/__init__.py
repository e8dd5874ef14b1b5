"""Every write of governance: motions, amendments, ballots, closing and enacting.

Services take `now` (default: the clock) so the demo and the tests can place a
motion's life in the past; views and the API never pass it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from core import rules
from core.models import RuleVersion
from marketplace import notifications
from marketplace.i18n import in_language
from marketplace.models import Member, User
from marketplace.services import audit_record, notify

from . import indicators, tally
from .enactment import rule_versions_write
from .models import (
    Amendment,
    Ballot,
    Choice,
    Comment,
    FounderSeat,
    Motion,
    MotionRevision,
    Result,
    Sponsorship,
    VoterRoll,
)
from .receipts import ballot_hash, receipt_code_new, receipt_normalise, roll_check
from .selectors import college_of, electorate_counts, is_voter, voters_without_ballot

notifications.register(
    "governance.vote_reminder", gettext_lazy("A vote closes in 24 hours")
)
notifications.register(
    "governance.motion_closed", gettext_lazy("The vote on my motion closed")
)


class Refused(Exception):
    """A governance action that is not possible now, with a message for the member."""

    def __init__(self, message: str, *, code: str = "conflict"):
        super().__init__(message)
        self.message, self.code = message, code


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _user(member: Member | None) -> User | None:
    return member.user if member is not None else None


def _motion_select_for_update(motion: Motion) -> Motion:
    return Motion.objects.select_for_update().get(pk=motion.pk)


def _save_transition(obj, *, update_fields: list[str]) -> None:
    try:
        obj.save(update_fields=[*update_fields, "updated_at"])
    except ConcurrentTransition:
        raise Refused(
            _("Someone changed this motion at the same time. Reload and try again.")
        ) from None


# --- colleges ------------------------------------------------------------------


@transaction.atomic
def founder_seat_grant(
    *, member: Member, by: User | None, reason: str = ""
) -> FounderSeat:
    """Put `member` in the founders and staff college (a general assembly's decision)."""
    seat, _created = FounderSeat.objects.get_or_create(
        member=member, defaults={"reason": reason}
    )
    audit_record(actor=by, action="governance.founder_seat", target=seat, reason=reason)
    return seat


# --- motions -------------------------------------------------------------------


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


def _voter_or_refuse(member: Member | None) -> Member:
    if not is_voter(member):
        raise Refused(
            _("Only members with an active membership take part in governance."),
            code="not_voter",
        )
    return member


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
    _voter_or_refuse(author)
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
    locked = _motion_select_for_update(motion)
    _author_or_refuse(locked, by)
    if locked.state != Motion.State.DRAFT:
        raise Refused(_("Only a draft can be edited; propose an amendment instead."))
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


def _transition(
    *,
    motion: Motion,
    by: Member | None,
    action: str,
    method: str,
    reason: str = "",
    **kwargs,
) -> Motion:
    """Run one FSM transition on a locked motion, save it and audit it."""
    locked = _motion_select_for_update(motion)
    before = locked.state, locked.enactment
    try:
        getattr(locked, method)(**kwargs)
    except TransitionNotAllowed:
        raise Refused(
            _("This is not possible while the motion is %(state)s.")
            % {"state": locked.get_state_display().lower()}
        ) from None
    fields = ["state", "enactment", *_FIELDS.get(method, [])]
    _save_transition(locked, update_fields=fields)
    changed_state = locked.state != before[0]
    audit_record(
        actor=_user(by),
        action=action,
        target=locked,
        from_state=before[0] if changed_state else before[1],
        to_state=locked.state if changed_state else locked.enactment,
        reason=reason,
    )
    return locked


_FIELDS = {
    "open_vote": ["voting_opens_at", "voting_closes_at", "parameters", "supermajority"],
    "adopt": ["closed_at"],
    "reject": ["closed_at"],
    "schedule": ["effective_at"],
    "enact": ["enacted_at"],
}


def _author_or_refuse(motion: Motion, member: Member) -> None:
    if motion.author_id != member.pk:
        raise Refused(_("Only the motion's author can do this."), code="forbidden")


@transaction.atomic
def motion_submit(*, motion: Motion, by: Member) -> Motion:
    """Draft → deliberation: open the motion to comments, amendments and sponsors."""
    _author_or_refuse(motion, by)
    return _transition(motion=motion, by=by, action="motion.submitted", method="submit")


@transaction.atomic
def motion_withdraw(*, motion: Motion, by: Member, reason: str = "") -> Motion:
    _author_or_refuse(motion, by)
    return _transition(
        motion=motion,
        by=by,
        action="motion.withdrawn",
        method="withdraw",
        reason=reason,
    )


@transaction.atomic
def motion_sponsor(*, motion: Motion, member: Member) -> Sponsorship:
    _voter_or_refuse(member)
    locked = _motion_select_for_update(motion)
    if locked.state != Motion.State.DELIBERATION:
        raise Refused(_("A motion is co-sponsored during its deliberation."))
    if locked.author_id == member.pk:
        raise Refused(_("The author cannot co-sponsor their own motion."))
    try:
        with transaction.atomic():
            sponsorship = Sponsorship.objects.create(motion=locked, member=member)
    except IntegrityError:
        raise Refused(_("You already co-sponsor this motion.")) from None
    audit_record(actor=member.user, action="motion.sponsored", target=locked)
    return sponsorship


@transaction.atomic
def motion_comment(*, motion: Motion, member: Member, body: str) -> Comment:
    _voter_or_refuse(member)
    if motion.state not in {
        Motion.State.DRAFT,
        Motion.State.DELIBERATION,
        Motion.State.VOTING,
    }:
        raise Refused(_("The discussion of this motion is closed."))
    comment = Comment(motion=motion, author=member, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def motion_open_vote(
    *, motion: Motion, by: Member, now: dt.datetime | None = None
) -> Motion:
    """Deliberation → voting, once enough co-sponsors support it.

    The rules of the vote (college weights, quorums, threshold) are read now
    and fixed on the motion: a rule change adopted meanwhile does not alter a
    vote already open.
    """
    _author_or_refuse(motion, by)
    now = _now(now)
    locked = _motion_select_for_update(motion)
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
        raise Refused(
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
    return _transition(
        motion=locked,
        by=by,
        action="motion.vote_opened",
        method="open_vote",
        opens_at=now,
        closes_at=now + dt.timedelta(days=values["governance.voting_days"]),
        parameters=parameters.as_dict(),
        supermajority=supermajority,
    )


# --- amendments ----------------------------------------------------------------


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
    _voter_or_refuse(member)
    if motion.state != Motion.State.DELIBERATION:
        raise Refused(_("Amendments are proposed during the deliberation."))
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
    motion = _motion_select_for_update(amendment.motion)
    _author_or_refuse(motion, by)
    if motion.state != Motion.State.DELIBERATION:
        raise Refused(_("Amendments are decided during the deliberation."))
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    before = locked.state
    try:
        locked.accept() if accept else locked.reject()
    except TransitionNotAllowed:
        raise Refused(_("This amendment was already decided.")) from None
    _save_transition(locked, update_fields=["state"])
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


# --- ballots -------------------------------------------------------------------


def ballot_cast(
    *,
    motion: Motion,
    member: Member,
    choice: str,
    receipt: str | None = None,
    now: dt.datetime | None = None,
    receipt_code: str | None = None,
) -> str:
    """Cast (no `receipt`) or replace (with the voter's `receipt`) a secret ballot.

    Returns the receipt code, shown once to the voter and never stored: the
    roll keeps one hash of it, the ballot another. `receipt_code` lets the demo
    data use a code printed in the README; views and the API never pass it.
    """
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose for, against or abstain.")})
    now = _now(now)
    try:
        with transaction.atomic():
            return _ballot_write(
                motion=motion,
                member=member,
                choice=choice,
                receipt=receipt,
                now=now,
                receipt_code=receipt_code,
            )
    except IntegrityError:
        # a second session of the same voter won the race for the roll
        raise Refused(_already_voted(), code="already_voted") from None


def _already_voted() -> str:
    return _(
        "You have already voted on this motion. To change your ballot, "
        "give the receipt code you received."
    )


def _ballot_write(*, motion, member, choice, receipt, now, receipt_code) -> str:
    # the motion row lock orders ballots against the close: none lands after the count
    locked = _motion_select_for_update(motion)
    if locked.state != Motion.State.VOTING or now < locked.voting_opens_at:
        raise Refused(_("This motion is not open to vote."), code="not_open")
    if now >= locked.voting_closes_at:
        raise Refused(_("The vote on this motion is closed."), code="closed")
    _voter_or_refuse(member)
    roll = VoterRoll.objects.filter(motion=locked, member=member).first()
    if receipt is None:
        if roll is not None:
            raise Refused(_already_voted(), code="already_voted")
        code = receipt_normalise(receipt_code) if receipt_code else receipt_code_new()
        roll = VoterRoll(motion=locked, member=member, college=college_of(member))
        roll.receipt_check = roll_check(roll_id=roll.pk, code=code)
        roll.save()
        Ballot.objects.create(
            motion=locked,
            college=roll.college,
            choice=choice,
            receipt_hash=ballot_hash(motion_id=locked.pk, code=code),
        )
        audit_record(actor=member.user, action="ballot.cast", target=roll)
        return code
    code = receipt_normalise(receipt)
    if roll is None or not hmac.compare_digest(
        roll.receipt_check, roll_check(roll_id=roll.pk, code=code)
    ):
        raise Refused(
            _("This receipt code is not yours for this motion."), code="bad_receipt"
        )
    Ballot.objects.filter(
        motion=locked, receipt_hash=ballot_hash(motion_id=locked.pk, code=code)
    ).update(choice=choice)
    roll.save(update_fields=["updated_at"])
    audit_record(actor=member.user, action="ballot.changed", target=roll)
    return code


# --- closing and enacting ------------------------------------------------------


@transaction.atomic
def motion_close(*, motion: Motion, now: dt.datetime | None = None) -> Motion:
    """Count a vote whose window has passed, publish the result and its anonymous list.

    Adopted rule changes are scheduled for the end of the cooling-off delay.
    """
    now = _now(now)
    locked = _motion_select_for_update(motion)
    if locked.state != Motion.State.VOTING or now < locked.voting_closes_at:
        raise Refused(_("This vote is not due to close."))
    parameters = tally.Parameters.from_dict(locked.parameters)
    electorate = electorate_counts()
    ballots = list(
        locked.ballots.order_by("receipt_hash").values_list(
            "receipt_hash", "college", "choice"
        )
    )
    _ballots_rewrite(motion=locked, ballots=ballots)
    outcome = tally.count(
        ((college, choice) for _h, college, choice in ballots),
        electorate=electorate,
        parameters=parameters,
    )
    published = tally.published_list(
        motion_id=str(locked.pk),
        ballots=ballots,
        electorate=electorate,
        parameters=parameters,
    )
    Result.objects.create(
        motion=locked,
        tally=outcome.as_dict(),
        ballots=published,
        digest=hashlib.sha256(published.encode()).hexdigest(),
        ballot_count=len(ballots),
    )
    method = "adopt" if outcome.adopted else "reject"
    locked = _transition(
        motion=locked,
        by=None,
        action=f"motion.{method}ed",
        method=method,
        closed_at=now,
    )
    if outcome.adopted and locked.kind == Motion.Kind.RULES:
        delay = rules.get("governance.cooling_off_days", at=now)
        locked = _transition(
            motion=locked,
            by=None,
            action="motion.scheduled",
            method="schedule",
            effective_at=locked.voting_closes_at + dt.timedelta(days=delay),
        )
    _tell_author(locked)
    return locked


def _ballots_rewrite(*, motion: Motion, ballots: list[tuple[str, str, str]]) -> None:
    """Store the ballots again, in receipt-hash order, inside the closing transaction.

    Each ballot was inserted in the same transaction as its voter's roll entry,
    so the database's own row metadata (PostgreSQL's xmin transaction id, the
    physical row order) could join the two. Rewriting them all at the close
    gives every ballot the same transaction and an order that follows the
    random receipt hashes, not the voters. (Dead row versions stay on disk
    until VACUUM; see the README.)
    """
    table = Ballot._meta.db_table
    if connection.vendor == "postgresql":
        # one statement, in the database: delete, then insert back sorted, new ids
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH old AS (DELETE FROM {table} WHERE motion_id = %s "  # noqa: S608
                "RETURNING motion_id, college, choice, receipt_hash) "
                f"INSERT INTO {table} (id, motion_id, college, choice, receipt_hash) "
                "SELECT gen_random_uuid(), motion_id, college, choice, receipt_hash "
                "FROM old ORDER BY receipt_hash",
                [motion.pk],
            )
        return
    Ballot.objects.filter(motion=motion).delete()
    Ballot.objects.bulk_create(
        (
            Ballot(motion=motion, college=college, choice=choice, receipt_hash=receipt)
            for receipt, college, choice in ballots
        ),
        batch_size=5000,
    )


def _tell_author(motion: Motion) -> None:
    author = motion.author
    with in_language(author):
        title = (
            _("Your motion was adopted: %(title)s")
            if motion.state == Motion.State.ADOPTED
            else _("Your motion was not adopted: %(title)s")
        ) % {"title": motion.title}
        notify(
            member=author,
            kind="governance.motion_closed",
            title=title,
            url=motion.get_absolute_url(),
        )


@transaction.atomic
def motion_enact(
    *, motion: Motion, now: dt.datetime | None = None
) -> list[RuleVersion]:
    """Scheduled → enacted: store the new rule versions. The only writer of rules."""
    now = _now(now)
    locked = _motion_select_for_update(motion)
    if locked.enactment != Motion.Enactment.SCHEDULED or now < locked.effective_at:
        raise Refused(_("This motion has nothing due to enact."))
    versions = rule_versions_write(motion=locked)
    _transition(
        motion=locked, by=None, action="motion.enacted", method="enact", enacted_at=now
    )
    return versions


@transaction.atomic
def voters_remind(*, motion: Motion, now: dt.datetime | None = None) -> int:
    """Tell every voter who has not voted that the vote closes within 24 hours. Once."""
    now = _now(now)
    locked = _motion_select_for_update(motion)
    if locked.state != Motion.State.VOTING or locked.reminded_at is not None:
        return 0
    sent = 0
    for member in voters_without_ballot(locked).select_related("user"):
        with in_language(member):
            notify(
                member=member,
                kind="governance.vote_reminder",
                title=_("The vote on “%(title)s” closes in less than 24 hours")
                % {"title": locked.title},
                url=locked.get_absolute_url(),
            )
        sent += 1
    locked.reminded_at = now
    locked.save(update_fields=["reminded_at", "updated_at"])
    return sent
