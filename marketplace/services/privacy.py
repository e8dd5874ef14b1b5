"""The privacy switches of a profile: the hide list and identity reveals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ExpertProfile, HiddenFrom, IdentityReveal, Organization, User
from .audit import audit_record


@transaction.atomic
def hidden_from_add(
    *, profile: ExpertProfile, organization: Organization
) -> HiddenFrom:
    row, _created = HiddenFrom.objects.get_or_create(
        profile=profile, organization=organization
    )
    # hiding from an organization also ends any reveal to it
    for reveal in IdentityReveal.objects.filter(
        profile=profile, organization=organization, withdrawn_at__isnull=True
    ):
        identity_reveal_withdraw(reveal=reveal, by=profile.member.user)
    return row


@transaction.atomic
def hidden_from_remove(*, profile: ExpertProfile, organization_id) -> None:
    HiddenFrom.objects.filter(profile=profile, organization_id=organization_id).delete()


@transaction.atomic
def identity_reveal(
    *, profile: ExpertProfile, organization: Organization, by: User, reason: str = ""
) -> IdentityReveal:
    """Show the expert's identity to one organization (idempotent while active)."""
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if HiddenFrom.objects.filter(profile=profile, organization=organization).exists():
        raise ValidationError(
            _("This organization is on your hide list: remove it from the list first.")
        )
    active = IdentityReveal.objects.filter(
        profile=profile, organization=organization, withdrawn_at__isnull=True
    ).first()
    if active is not None:
        return active
    reveal = IdentityReveal.objects.create(
        profile=profile, organization=organization, reason=reason.strip()[:200]
    )
    audit_record(
        actor=by,
        action="identity.revealed",
        target=reveal,
        to_state="revealed",
        reason=reason,
        data={"organization": str(organization.pk)},
    )
    return reveal


@transaction.atomic
def identity_reveal_withdraw(*, reveal: IdentityReveal, by: User) -> IdentityReveal:
    reveal = IdentityReveal.objects.select_for_update().get(pk=reveal.pk)
    if reveal.withdrawn_at is None:
        reveal.withdrawn_at = timezone.now()
        reveal.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=by,
            action="identity.withdrawn",
            target=reveal,
            from_state="revealed",
            to_state="withdrawn",
        )
    return reveal
