"""Background work of the marketplace app (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .i18n import in_language
from .models import Notification, OrganizationInvitation


@task()
def send_notification_email(*, notification_id: str) -> bool:
    """Send one notification by e-mail, once (idempotent when retried)."""
    notification = (
        Notification.objects.select_related("member__user")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    member = notification.member
    with in_language(member):
        body = render_to_string(
            "marketplace/email/notification.txt",
            {
                "notification": notification,
                "member": member,
                "site_url": settings.SITE_URL,
            },
        )
        send_mail(
            subject=f"[Ouvrage] {notification.title}",
            message=body,
            from_email=None,
            recipient_list=[member.user.email],
        )
    updated = Notification.objects.filter(
        pk=notification.pk, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    return bool(updated)


@task()
def send_organization_invitation(*, invitation_id: str, language: str = "fr") -> bool:
    """E-mail the invitation link to a colleague (in the inviter's language)."""
    invitation = (
        OrganizationInvitation.objects.select_related("organization", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    url = settings.SITE_URL + reverse(
        "marketplace:invitation_accept", kwargs={"token": invitation.token}
    )
    with translation.override(language):
        body = render_to_string(
            "marketplace/email/organization_invitation.txt",
            {"invitation": invitation, "url": url},
        )
        send_mail(
            subject="[Ouvrage] " + invitation.organization.name,
            message=body,
            from_email=None,
            recipient_list=[invitation.email],
        )
    return True
