"""Members joining: on their own (sign-up, command) or through an invitation."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..models import ExpertProfile, Member, Organization, OrganizationInvitation, User
from .audit import audit_record
from .organizations import organization_create


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
    if member.is_expert:
        # an expert has a draft profile from the start, so that reading one's
        # profile (page or API) never has to create it: a GET writes nothing
        ExpertProfile.objects.create(member=member, languages=[member.language])
    audit_record(actor=user, action="member.joined", target=member, to_state=community)
    return member


@transaction.atomic
def organization_invitation_accept(
    *,
    token: str,
    display_name: str,
    password: str | None = None,
    user: User | None = None,
) -> Member:
    invitation = (
        OrganizationInvitation.objects.select_for_update()
        .select_related("organization")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer valid."))
    if user is not None and user.email != invitation.email:
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    member = member_create(
        email=invitation.email,
        password=password,
        user=user,
        display_name=display_name,
        community=Member.Community.COMPANY,
        organization=invitation.organization,
        organization_role=Member.OrganizationRole.MEMBER,
        email_verified=user is None,  # they followed the link sent to this address
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = member
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    transaction.on_commit(
        lambda: signals.member_organization_changed.send(
            sender=Member,
            member=member,
            from_organization_id=None,
            to_organization_id=member.organization_id,
        )
    )
    return member


@transaction.atomic
def member_settings_set(*, member: Member, language: str, time_zone: str) -> Member:
    """The member's language (pages, e-mails) and time zone (dates and times)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.language = language
    member.time_zone = time_zone
    member.full_clean(
        exclude=[
            f.name
            for f in Member._meta.fields
            if f.name not in {"language", "time_zone"}
        ]
    )
    member.save(update_fields=["language", "time_zone", "updated_at"])
    return member
