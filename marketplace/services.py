"""Every write of the marketplace app: members, organizations, audit, notifications."""

from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications
from .models import (
    AuditEvent,
    EmailPreference,
    Member,
    Notification,
    Organization,
    User,
)


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Any,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one line to the audit trail. Call it inside the write's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk if isinstance(target.pk, UUID) else UUID(str(target.pk)),
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )


@transaction.atomic
def organization_create(
    *,
    name: str,
    sector: str = "",
    size: str = "",
    country: str = "FR",
    description: str = "",
) -> Organization:
    organization = Organization(
        name=name.strip(),
        sector=sector,
        size=size,
        country=country,
        description=description,
    )
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def member_create(
    *,
    email: str,
    password: str | None,
    display_name: str,
    community: str,
    organization: Organization | None = None,
    organization_name: str = "",
    organization_role: str = "",
    language: str = "fr",
    user: User | None = None,
    email_verified: bool = False,
) -> Member:
    """Create a member (and its user unless given one).

    A company member acts for `organization`, or for a new one named
    `organization_name`, of which they become the owner.
    """
    if community == Member.Community.COMPANY:
        if organization is None:
            if not organization_name.strip():
                raise ValidationError(
                    {"organization_name": _("A company member needs an organization.")}
                )
            organization = organization_create(name=organization_name)
            organization_role = Member.OrganizationRole.OWNER
        organization_role = organization_role or Member.OrganizationRole.MEMBER
    elif community == Member.Community.EXPERT:
        organization, organization_role = None, ""
    else:
        raise ValidationError(
            {"community": _("Choose the company or the expert community.")}
        )

    if user is None:
        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": _("A member with this e-mail address already exists.")}
            )
        user = user_model.objects.create_user(email=email, password=password)
        if email_verified:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(
                user=user, email=user.email, verified=True, primary=True
            )
    member = Member(
        user=user,
        display_name=display_name.strip() or user.email.split("@")[0],
        community=community,
        organization=organization,
        organization_role=organization_role,
        language=language,
    )
    member.full_clean(exclude=["user"])
    member.save()
    audit_record(actor=user, action="member.joined", target=member, to_state=community)
    return member


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
        from .tasks import send_notification_email

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
