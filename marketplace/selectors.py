"""Reads of the marketplace app used by more than one caller."""

from django.db.models import QuerySet

from .models import Member, Notification


def member_for_user(user) -> Member | None:
    """The member behind a signed-in user, with its organization, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_ouvrage_member", None)
    if cached is None:
        cached = Member.objects.select_related("organization").filter(user=user).first()
        user._ouvrage_member = cached
    return cached


def notifications_unread(*, member: Member) -> QuerySet[Notification]:
    return Notification.objects.filter(member=member, read_at__isnull=True)


def notifications_recent(*, member: Member, limit: int = 20) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member).order_by("-created_at")[:limit]
    )
