"""Who may read what in spaces and circles: the one place deciding it.

Pages, the API and the sockets all call these. A person without access gets
`Http404` everywhere, exactly like a space that does not exist: company
members, experts of another profession, staff (unless they practise the
profession and joined), visitors, removed members. Platform admins may
suspend a space (`services.space_suspend`) but never read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from marketplace.models import Member
from marketplace.selectors import member_for_user
from missions.matching import aliases

from .models import Circle, CircleMember, Membership, Space, Thread


@dataclass
class Seat:
    """Where a member sits: in a space (with their membership) or in a circle."""

    member: Member
    space: Space | None = None
    membership: Membership | None = None
    circle: Circle | None = None

    @property
    def can_moderate(self) -> bool:
        if self.circle is not None:
            return self.circle.owner_id == self.member.pk
        return self.membership is not None and self.membership.is_moderator

    @property
    def can_write(self) -> bool:
        if self.circle is not None:
            return not self.circle.is_closed
        return not self.space.is_suspended

    @property
    def group_name(self) -> str:
        if self.circle is not None:
            return f"circle-{self.circle.pk}"
        return self.space.group_name


def _member(user) -> Member:
    member = member_for_user(user)
    if member is None or not member.is_expert:
        raise Http404
    return member


def space_seat(*, user, space_id) -> Seat:
    """The seat of `user` in a space they are an active member of, or Http404."""
    member = _member(user)
    membership = (
        Membership.objects.select_related("space")
        .filter(space_id=space_id, member=member, status=Membership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise Http404
    return Seat(member=member, space=membership.space, membership=membership)


def circle_seat(*, user, circle_id) -> Seat:
    """The owner, or an invited person while the circle is open; else Http404."""
    member = member_for_user(user)
    if member is None:
        raise Http404
    circle = Circle.objects.filter(pk=circle_id).first()
    if circle is None:
        raise Http404
    if circle.owner_id != member.pk:
        if circle.is_closed:
            raise Http404
        invited = CircleMember.objects.filter(
            circle=circle, member=member, left_at__isnull=True
        ).exists()
        if not invited:
            raise Http404
    return Seat(member=member, circle=circle)


def thread_seat(*, user, thread_id) -> tuple[Thread, Seat]:
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        raise Http404
    if thread.space_id:
        seat = space_seat(user=user, space_id=thread.space_id)
    else:
        seat = circle_seat(user=user, circle_id=thread.circle_id)
    return thread, seat


def shown_names(members) -> dict:
    """{member id: name shown in spaces}: a pseudonymous expert's alias, always.

    Peers are no organization: no identity reveal applies here, so the alias
    is what every reader sees (missions.matching.aliases with no organization).
    """
    members = list(members)
    hidden = aliases([member.pk for member in members], None)
    return {
        member.pk: hidden.get(member.pk) or member.display_name for member in members
    }
