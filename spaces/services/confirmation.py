"""Confirming appointed moderators: a secret ballot of the members within a month.

A moderator appointed at the space's creation stays one only if the members
confirm them before `confirm_by`. The vote reuses governance's receipts
(`governance.receipts`): each voter gets a random receipt code, the roll keeps
a salted hash of it (one vote per member, enforced by the database), and the
ballot (approve or not, no member, no time) is stored under another hash, so
the voter alone can find their ballot, and nobody can tell who voted what.
At `confirm_by` the periodic job counts: more approvals than refusals confirms
them, otherwise they go back to being a member. Both are logged.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from governance.receipts import ballot_hash, receipt_code_new, roll_check

from ..access import Seat
from ..models import ConfirmationBallot, ConfirmationVoter, Membership, ModerationAction


def _open(moderator: Membership, today) -> bool:
    return (
        moderator.is_moderator
        and moderator.confirmed_at is None
        and moderator.confirm_by is not None
        and today <= moderator.confirm_by
    )


def confirmation_vote(*, seat: Seat, moderator: Membership, approve: bool) -> str:
    """Cast one's secret ballot on an appointed moderator; returns the receipt code."""
    if seat.space is None or moderator.space_id != seat.space.pk:
        raise PermissionDenied
    if moderator.member_id == seat.member.pk:
        raise Refusal(_("A moderator does not vote on their own confirmation."))
    if not _open(moderator, timezone.localdate()):
        raise Refusal(_("This confirmation vote is closed."))
    code = receipt_code_new()
    try:
        with transaction.atomic():
            roll = ConfirmationVoter(moderator=moderator, voter=seat.member)
            roll.receipt_check = roll_check(roll_id=roll.pk, code=code)
            roll.save()
            ConfirmationBallot.objects.create(
                moderator=moderator,
                approve=bool(approve),
                receipt_hash=ballot_hash(motion_id=moderator.pk, code=code),
            )
    except IntegrityError:
        raise Refusal(_("You already voted on this moderator.")) from None
    return code


def voted(*, seat: Seat) -> set:
    """The moderators of the space this member already voted on."""
    return set(
        ConfirmationVoter.objects.filter(
            voter=seat.member, moderator__space=seat.space
        ).values_list("moderator_id", flat=True)
    )


def moderators_confirm_close() -> int:
    """Count the votes whose month is over; returns how many moderators were decided."""
    today = timezone.localdate()
    decided = 0
    with transaction.atomic():
        rows = list(
            Membership.objects.select_for_update(skip_locked=True).filter(
                role=Membership.Role.MODERATOR,
                status=Membership.Status.ACTIVE,
                confirmed_at__isnull=True,
                confirm_by__lt=today,
            )
        )
        # counted apart: PostgreSQL takes no FOR UPDATE with a GROUP BY
        counts = {
            row["moderator_id"]: row
            for row in ConfirmationBallot.objects.filter(moderator__in=rows)
            .values("moderator_id")
            .annotate(
                yes=Count("pk", filter=Q(approve=True)),
                no=Count("pk", filter=Q(approve=False)),
            )
        }
        for row in rows:
            row.yes = counts.get(row.pk, {}).get("yes", 0)
            row.no = counts.get(row.pk, {}).get("no", 0)
        for row in rows:
            confirmed = row.yes > row.no
            if confirmed:
                row.confirmed_at = timezone.now()
            else:
                row.role = Membership.Role.MEMBER
            row.save(update_fields=["confirmed_at", "role", "updated_at"])
            ModerationAction.objects.create(
                space_id=row.space_id,
                kind=ModerationAction.Kind.CONFIRM
                if confirmed
                else ModerationAction.Kind.NOT_CONFIRMED,
                target=row.member,
                reason=_("%(yes)s for, %(no)s against")
                % {"yes": row.yes, "no": row.no},
            )
            decided += 1
    return decided
