"""Counsellors: members an expert invites to read and comment on their profile."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import notifications
from ..i18n import in_language
from ..models import CounsellorInvitation, ExpertProfile, Member, ProfileComment
from .checks import check_text_lengths
from .notifications import notify

notifications.register(
    "profile.counsellor_invited", _lazy("Someone asks for your advice")
)
notifications.register(
    "profile.commented", _lazy("A counsellor commented your profile")
)


@transaction.atomic
def counsellor_invite(*, profile: ExpertProfile, email: str) -> CounsellorInvitation:
    """Invite whoever holds `email` to counsel the profile.

    The answer is the same whether or not the address belongs to a member
    (the expert's page lists the address they typed, never a name): an
    invitation to an unknown address simply reaches nobody.
    """
    email = email.strip().lower()
    if email == profile.member.user.email.lower():
        raise ValidationError(_("You cannot counsel yourself."))
    counsellor = Member.objects.filter(user__email__iexact=email).first()
    invitation, created = CounsellorInvitation.objects.get_or_create(
        profile=profile,
        email=email,
        revoked_at=None,
        defaults={"counsellor": counsellor},
    )
    if created and counsellor is not None:
        with in_language(counsellor):
            notify(
                member=counsellor,
                kind="profile.counsellor_invited",
                title=_("An expert asks you to comment on their profile"),
                url=reverse("marketplace:profile", kwargs={"profile_id": profile.pk}),
            )
    return invitation


@transaction.atomic
def counsellor_revoke(*, profile: ExpertProfile, invitation_id) -> None:
    CounsellorInvitation.objects.filter(
        profile=profile, pk=invitation_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


@transaction.atomic
def profile_comment_add(
    *, profile: ExpertProfile, author: Member, body: str
) -> ProfileComment:
    allowed = (
        author.pk == profile.member_id
        or CounsellorInvitation.objects.filter(
            profile=profile, counsellor=author, revoked_at__isnull=True
        ).exists()
    )
    if not allowed:
        raise PermissionDenied
    comment = ProfileComment(profile=profile, author=author, body=body.strip())
    check_text_lengths(comment)
    comment.full_clean(exclude=["profile", "author"])
    comment.save()
    if author.pk != profile.member_id:
        with in_language(profile.member):
            notify(
                member=profile.member,
                kind="profile.commented",
                title=_("A counsellor commented your profile"),
                url=reverse("marketplace:profile_edit"),
            )
    return comment
