"""Background work of missions."""

from django_tasks import task

from marketplace.tasks import send_notification_email


@task()
def send_notification_emails(*, notification_ids: list[str]) -> int:
    """Send the e-mails of a batch of notifications (each one once, see the foundation's task)."""
    return sum(
        bool(send_notification_email.call(notification_id=notification_id))
        for notification_id in notification_ids
    )
