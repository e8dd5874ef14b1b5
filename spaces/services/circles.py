"""Circles around a person (AcroJump): an expert invites their counsellors and
companions into a private circle about their path, and may close it any time."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.models import CounsellorInvitation, Member

from ..checks import check_title
from ..live import broadcast_removed
from ..models import Circle, CircleMember


def _invitable(owner: Member, member: Member) -> bool:
    """A counsellor or companion the expert already invited on their profile."""
    return CounsellorInvitation.objects.filter(
        profile__member=owner, counsellor=member, revoked_at__isnull=True
    ).exists()


@transaction.atomic
def circle_create(*, owner: Member, title: str, people: list[Member] = ()) -> Circle:
    if not owner.is_expert:
        raise PermissionDenied
    circle = Circle.objects.create(owner=owner, title=check_title(title))
    for member in people:
        circle_invite(circle=circle, by=owner, member=member)
    return circle


@transaction.atomic
def circle_invite(*, circle: Circle, by: Member, member: Member) -> CircleMember:
    if circle.owner_id != by.pk:
        raise PermissionDenied
    if circle.is_closed:
        raise Refusal(_("This circle is closed."))
    if member.pk == by.pk or not _invitable(by, member):
        raise Refusal(
            _("Invite someone you asked to counsel you on your profile."), status=400
        )
    row, created = CircleMember.objects.get_or_create(circle=circle, member=member)
    if not created and row.left_at is not None:
        row.left_at = None
        row.save(update_fields=["left_at", "updated_at"])
    return row


@transaction.atomic
def circle_leave(*, circle: Circle, by: Member, member: Member) -> None:
    """The owner takes someone out (or someone leaves): their sockets close at once."""
    if by.pk not in (circle.owner_id, member.pk):
        raise PermissionDenied
    CircleMember.objects.filter(circle=circle, member=member).update(
        left_at=timezone.now()
    )
    broadcast_removed(f"circle-{circle.pk}", member.pk)


@transaction.atomic
def circle_close(*, circle: Circle, by: Member) -> Circle:
    """The expert closes the circle: nobody but them reads it any more."""
    if circle.owner_id != by.pk:
        raise PermissionDenied
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    if circle.is_closed:
        return circle
    circle.closed_at = timezone.now()
    circle.save(update_fields=["closed_at", "updated_at"])
    for member_id in circle.people.filter(left_at__isnull=True).values_list(
        "member_id", flat=True
    ):
        broadcast_removed(f"circle-{circle.pk}", member_id)
    return circle
