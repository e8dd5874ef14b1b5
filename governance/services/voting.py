"""Voting: colleges, secret ballots with receipt codes, and the reminder."""

from __future__ import annotations

import datetime as dt
import hmac

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace import notifications
from marketplace.i18n import in_language
from marketplace.models import Member, User
from marketplace.services import audit_record, notify

from ..models import Ballot, Choice, FounderSeat, Motion, VoterRoll
from ..receipts import ballot_hash, receipt_code_new, receipt_normalise, roll_check
from ..selectors import college_of, voters_without_ballot
from .transitions import check_voter, clock, motion_select_for_update

notifications.register(
    "governance.vote_reminder", gettext_lazy("A vote closes in 24 hours")
)


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
    now = clock(now)
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
        raise Refusal(_already_voted(), code="already_voted") from None


def _already_voted() -> str:
    return _(
        "You have already voted on this motion. To change your ballot, "
        "give the receipt code you received."
    )


def _ballot_write(*, motion, member, choice, receipt, now, receipt_code) -> str:
    # the motion row lock orders ballots against the close: none lands after the count
    locked = motion_select_for_update(motion)
    if locked.state != Motion.State.VOTING or now < locked.voting_opens_at:
        raise Refusal(_("This motion is not open to vote."), code="not_open")
    if now >= locked.voting_closes_at:
        raise Refusal(_("The vote on this motion is closed."), code="closed")
    check_voter(member)
    roll = VoterRoll.objects.filter(motion=locked, member=member).first()
    if receipt is None:
        if roll is not None:
            raise Refusal(_already_voted(), code="already_voted")
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
        raise Refusal(
            _("This receipt code is not yours for this motion."), code="bad_receipt"
        )
    Ballot.objects.filter(
        motion=locked, receipt_hash=ballot_hash(motion_id=locked.pk, code=code)
    ).update(choice=choice)
    roll.save(update_fields=["updated_at"])
    audit_record(actor=member.user, action="ballot.changed", target=roll)
    return code


@transaction.atomic
def voters_remind(*, motion: Motion, now: dt.datetime | None = None) -> int:
    """Tell every voter who has not voted that the vote closes within 24 hours. Once."""
    now = clock(now)
    locked = motion_select_for_update(motion)
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
