"""Telling members things: notifications in the app and by e-mail."""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import EmailPreference, Member, Notification
from ..tasks import send_notification_email


def notify(
    *, member: Member, kind: str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Tell a member something, in the app and, after commit, by e-mail if they want it.

    Callers pass `title` and `body` already translated into the member's language
    (see `marketplace.i18n.in_language`).
    """
    notifications.get(kind)  # unknown kinds are a programming error
    notification = Notification.objects.create(
        member=member, kind=kind, title=title[:200], body=body, url=url
    )
    if email_wanted(member=member, kind=kind):
        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                notification_id=str(notification.pk)
            )
        )
    return notification


def email_wanted(*, member: Member, kind: str) -> bool:
    preference = EmailPreference.objects.filter(member=member, kind=kind).first()
    if preference is not None:
        return preference.enabled
    return notifications.get(kind).email_by_default


@transaction.atomic
def email_preferences_set(*, member: Member, choices: dict[str, bool]) -> None:
    for kind, enabled in choices.items():
        notifications.get(kind)
        EmailPreference.objects.update_or_create(
            member=member, kind=kind, defaults={"enabled": enabled}
        )


def notifications_mark_read(*, member: Member, ids: list[UUID] | None = None) -> int:
    unread = Notification.objects.filter(member=member, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
