"""Organizations: their details, logo and the colleagues invited to join them."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Member, Organization, OrganizationInvitation
from ..tasks import send_organization_invitation
from .audit import audit_record
from .checks import check_image, check_text_lengths


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


INVITATION_DAYS = 14


def check_organization_owner(*, member: Member, organization: Organization) -> None:
    if member.organization_id != organization.pk or not member.is_organization_owner:
        raise PermissionDenied


@transaction.atomic
def organization_update(
    *, organization: Organization, by: Member, **changes
) -> Organization:
    check_organization_owner(member=by, organization=organization)
    allowed = {"name", "sector", "size", "country", "description"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    check_text_lengths(organization)
    organization.full_clean(exclude=["logo"])
    organization.save()
    return organization


@transaction.atomic
def organization_logo_set(
    *, organization: Organization, by: Member, upload
) -> Organization:
    check_organization_owner(member=by, organization=organization)
    data, extension = check_image(upload)
    organization.logo.save(f"logo.{extension}", ContentFile(data), save=False)
    organization.save(update_fields=["logo", "updated_at"])
    return organization


@transaction.atomic
def organization_invite(
    *, organization: Organization, by: Member, email: str
) -> OrganizationInvitation:
    """Invite a colleague by e-mail; the link lets them join this organization."""
    check_organization_owner(member=by, organization=organization)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    # the same answer whether or not the address belongs to a member: saying
    # "already a member" would tell anyone who is on Ouvrage (the invited
    # person learns it, privately, on the invitation's page)
    invitation = OrganizationInvitation.objects.filter(
        organization=organization, email=email, accepted_at__isnull=True
    ).first()
    if invitation is None:
        invitation = OrganizationInvitation(organization=organization, email=email)
    invitation.token = secrets.token_urlsafe(32)
    invitation.invited_by = by
    invitation.expires_at = timezone.now() + timezone.timedelta(days=INVITATION_DAYS)
    invitation.save()
    audit_record(
        actor=by.user,
        action="organization.invited",
        target=invitation,
        data={"organization": str(organization.pk)},
    )

    invitation_id = str(invitation.pk)
    transaction.on_commit(
        lambda: send_organization_invitation.enqueue(
            invitation_id=invitation_id, language=by.language
        )
    )
    return invitation
