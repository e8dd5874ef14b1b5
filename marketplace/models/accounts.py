"""Logins (`User`) and the people on the platform (`Member`)."""

import functools
import zoneinfo

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ids import uuid7
from core.models import BaseModel

from .organizations import Organization


@functools.cache
def time_zone_names() -> frozenset[str]:
    """IANA time zone names this machine knows (read once: it walks the disk)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    """An IANA time zone name known to this machine (e.g. "Europe/Paris")."""
    if value not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login: an e-mail address and a password. The platform identity is `Member`."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can sign in to the administration sites."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    # Wagtail and the admin call these
    def get_full_name(self):
        member = getattr(self, "member", None)
        return member.display_name if member else self.email

    def get_short_name(self):
        return self.get_full_name()


class Member(BaseModel):
    """A person on the platform, in exactly one community."""

    class Community(models.TextChoices):
        COMPANY = "company", _("Company")
        """Acts for an organization: posts needs, awards missions."""
        EXPERT = "expert", _("Expert")
        """Answers needs with proposals and delivers missions."""

    class OrganizationRole(models.TextChoices):
        OWNER = "owner", _("Owner")
        """Manages the organization, its colleagues and its subscription."""
        MEMBER = "member", _("Member")
        """Acts for the organization on needs and missions."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="member")
    display_name = models.CharField(_("name"), max_length=150)
    community = models.CharField(
        _("community"), max_length=10, choices=Community.choices
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    organization_role = models.CharField(
        _("role in the organization"),
        max_length=10,
        choices=OrganizationRole.choices,
        blank=True,
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("fr", "Français"), ("en", "English")],
        default="fr",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Paris",
        validators=[validate_time_zone],
        help_text=_("Dates and times are shown in this time zone."),
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name"]
        permissions = [("moderate_member", _("Can moderate members and their content"))]
        constraints = [
            # a company member acts for exactly one organization, an expert for none
            models.CheckConstraint(
                name="member_company_has_organization",
                condition=(
                    Q(community="company", organization__isnull=False)
                    & ~Q(organization_role="")
                )
                | Q(
                    community="expert", organization__isnull=True, organization_role=""
                ),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_company(self) -> bool:
        return self.community == self.Community.COMPANY

    @property
    def is_expert(self) -> bool:
        return self.community == self.Community.EXPERT

    @property
    def is_organization_owner(self) -> bool:
        return self.organization_role == self.OrganizationRole.OWNER
