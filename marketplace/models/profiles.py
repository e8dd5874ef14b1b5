"""Expert profiles, their skills, appetences, experiences and privacy switches.

Re-exported by `marketplace.models`; import them from there::

    from marketplace.models import ExpertProfile, Skill

Two denormalised fields on `ExpertProfile` (`skill_levels`, `appetence_skills`)
and `search_text` are kept by the services (never written elsewhere) so that
matching and search read one row per expert.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel
from core.storage import private_storage

from ..uploads import photo_upload_to
from .accounts import Member
from .organizations import Organization
from .skills import Skill


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    """Seen only by its author (and the counsellors they invited)."""
    PUBLISHED = "published", _("Published")
    """Seen by signed-in members, within the privacy rules."""


class RemotePreference(models.TextChoices):
    ONSITE = "onsite", _("On site")
    """Works at the client's premises."""
    HYBRID = "hybrid", _("Hybrid")
    """Part on site, part remote."""
    REMOTE = "remote", _("Remote")
    """Works from anywhere."""


class MissionKind(models.TextChoices):
    AUDIT = "audit", _("Audit or diagnosis")
    ADVICE = "advice", _("Advice and strategy")
    PROJECT = "project", _("Project delivery")
    INTERIM = "interim", _("Interim management")
    TRAINING = "training", _("Training and coaching")
    ENGINEERING = "engineering", _("Engineering and development")


class ExpertProfile(BaseModel):
    """What an expert shows of themselves: one per expert member.

    Under `pseudonymous`, others see `alias` instead of the member's name, no
    photo, no links and experiences with employers redacted, except an
    organization holding an active `IdentityReveal`.
    """

    member = models.OneToOneField(
        Member,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("member"),
    )
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    summary = models.TextField(
        pgettext_lazy("profile", "summary"), max_length=5000, blank=True
    )
    day_rate_cents = models.PositiveIntegerField(
        _("day rate (cents)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    available_from = models.DateField(_("available from"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("ISO 639-1 codes, e.g. fr, en."),
    )
    location = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR")
    remote = models.CharField(
        _("way of working"),
        max_length=10,
        choices=RemotePreference.choices,
        default=RemotePreference.HYBRID,
    )
    links = models.JSONField(_("links"), default=list, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=photo_upload_to, storage=private_storage, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    pseudonymous = models.BooleanField(_("pseudonymous"), default=False)
    alias = models.CharField(
        _("alias"),
        max_length=80,
        blank=True,
        help_text=_("The name shown instead of yours in pseudonymous mode."),
    )
    # the public card (cms.cards): off until the expert publishes it; a pseudonymous
    # expert's card shows the alias only
    public_card = models.BooleanField(_("public card"), default=False)
    # kept by services.profile_refresh_index(); read by matching and search
    skill_levels = models.JSONField(default=dict, blank=True, editable=False)
    appetence_skills = models.JSONField(default=list, blank=True, editable=False)
    appetence_kinds = models.JSONField(default=list, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only (stays NULL elsewhere): search_text parsed once, GIN-indexed
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        indexes = [models.Index(fields=["status", "-updated_at"])]
        constraints = [
            models.CheckConstraint(
                name="profile_rate_not_negative",
                condition=Q(day_rate_cents__isnull=True) | Q(day_rate_cents__gte=0),
            ),
            models.CheckConstraint(
                name="profile_days_per_week_1_to_5",
                condition=Q(days_per_week__gte=1, days_per_week__lte=5),
            ),
            models.CheckConstraint(
                name="profile_pseudonymous_has_alias",
                condition=Q(pseudonymous=False) | ~Q(alias=""),
            ),
        ]

    def __str__(self):
        # the alias, so that admin lists and logs never join name and alias by accident
        return self.alias if self.pseudonymous else self.member.display_name

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class ExpertSkill(BaseModel):
    """A skill an expert has, at a level they state."""

    class Level(models.IntegerChoices):
        NOTIONS = 1, _("Notions")
        PRACTITIONER = 2, _("Practitioner")
        ADVANCED = 3, _("Advanced")
        EXPERT = 4, _("Expert")

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="holders")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.PRACTITIONER
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("expert skill")
        verbose_name_plural = _("expert skills")
        ordering = ["-level", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"], name="expert_skill_once"
            ),
            models.CheckConstraint(
                name="expert_skill_level_1_to_4",
                condition=Q(level__gte=1, level__lte=4),
            ),
        ]
        indexes = [models.Index(fields=["skill", "profile"])]

    def __str__(self):
        return f"{self.skill} ({self.level})"


class Appetence(BaseModel):
    """Something an expert *wants* to do next: a skill, a kind of mission, or both."""

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="appetences"
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mission_kind = models.CharField(
        _("kind of mission"), max_length=20, choices=MissionKind.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("appetence")
        verbose_name_plural = _("appetences")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                name="appetence_has_skill_or_kind",
                condition=Q(skill__isnull=False) | ~Q(mission_kind=""),
            ),
            models.UniqueConstraint(
                fields=["profile", "skill", "mission_kind"], name="appetence_once"
            ),
        ]

    def __str__(self):
        return str(self.skill or self.get_mission_kind_display())


class Experience(BaseModel):
    """One piece of a career memory: a job or mission, or informal experience."""

    class Kind(models.TextChoices):
        FORMAL = "formal", _("Formal")
        """Jobs, missions, contracts."""
        INFORMAL = "informal", _("Informal")
        """Volunteering, associations, summer jobs, family work, personal projects."""

    class Category(models.TextChoices):
        JOB = "job", _("Job")
        MISSION = "mission", _("Mission")
        VOLUNTEERING = "volunteering", _("Volunteering")
        ASSOCIATION = "association", _("Association")
        SUMMER_JOB = "summer_job", _("Summer job")
        FAMILY = "family", _("Family work")
        PROJECT = "project", _("Personal project")
        OTHER = "other", _("Other")

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="experiences"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.JOB
    )
    title = models.CharField(_("title"), max_length=160)
    employer = models.CharField(
        _("employer or organization"),
        max_length=160,
        blank=True,
        help_text=_("Hidden from others in pseudonymous mode."),
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    what = models.TextField(_("what you did"), max_length=4000, blank=True)
    responsibilities = models.TextField(
        _("responsibilities"), max_length=4000, blank=True
    )
    motivation = models.TextField(_("what motivated you"), max_length=4000, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    on_public_card = models.BooleanField(_("shown on the public card"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = [F("started_on").desc(nulls_last=True), "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="experience_ends_after_start",
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
            ),
        ]
        indexes = [models.Index(fields=["profile", "status"])]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class HiddenFrom(BaseModel):
    """ "Hide me from": this organization never sees the profile, anywhere."""

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="hidden_from"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("hidden from")
        verbose_name_plural = _("hidden from")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organization"], name="hidden_from_once"
            ),
        ]
        indexes = [models.Index(fields=["organization", "profile"])]

    def __str__(self):
        return f"{self.profile_id} hidden from {self.organization_id}"


class IdentityReveal(BaseModel):
    """A pseudonymous expert shows their identity to one organization.

    Withdrawing sets `withdrawn_at`: from then on the organization sees the
    alias again (what it already saw cannot be unseen, and is logged here).
    """

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="reveals"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("why"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("identity reveal")
        verbose_name_plural = _("identity reveals")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organization"],
                condition=Q(withdrawn_at__isnull=True),
                name="identity_reveal_one_active",
            ),
        ]
        indexes = [models.Index(fields=["organization", "profile"])]

    def __str__(self):
        return f"{self.profile_id} revealed to {self.organization_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class CounsellorInvitation(BaseModel):
    """An expert asks another member to read and comment on their draft profile."""

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="counsellors"
    )
    counsellor = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    # the address the expert typed: what the expert's page shows, the same
    # whether or not it belongs to a member (no name, no "unknown address")
    email = models.EmailField(_("e-mail address"), blank=True, default="")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("counsellor invitation")
        verbose_name_plural = _("counsellor invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "counsellor"],
                condition=Q(revoked_at__isnull=True),
                name="counsellor_once",
            ),
        ]

    def __str__(self):
        return f"{self.counsellor_id} counsels {self.profile_id}"


class ProfileComment(BaseModel):
    """A counsellor's remark on a profile, seen only by the expert and the author."""

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=3000)

    class Meta(BaseModel.Meta):
        verbose_name = _("profile comment")
        verbose_name_plural = _("profile comments")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:40]
