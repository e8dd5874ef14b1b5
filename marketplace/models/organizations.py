"""Companies on the platform and the invitations that let colleagues join them."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.storage import private_storage

from ..uploads import logo_upload_to


class Organization(BaseModel):
    """A company on the platform. Its members act for it; its subscription covers them all."""

    class Size(models.TextChoices):
        MICRO = "micro", _("1 to 9 people")
        SMALL = "small", _("10 to 49 people")
        MEDIUM = "medium", _("50 to 249 people")
        LARGE = "large", _("250 people or more")

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR")
    description = models.TextField(_("description"), blank=True, max_length=5000)
    logo = models.ImageField(
        _("logo"), upload_to=logo_upload_to, storage=private_storage, blank=True
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizationInvitation(BaseModel):
    """An owner invites a colleague by e-mail to act for their organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "marketplace.Member", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        "marketplace.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True),
                name="organization_invitation_pending_once",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
