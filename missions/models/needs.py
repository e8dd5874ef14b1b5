"""A company's need: what it wants done, by whom, for how much, until when."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.models import BaseModel
from core.validators import MAX_CENTS, strings_only
from marketplace.matching import need_spec_from
from marketplace.models import Member, Organization
from marketplace.selectors import member_for_user

from ._base import empty_lists, nobody
from .schemas import LANGUAGES, MAX_DAYS, MAX_QUESTIONS, QUESTIONS


def company_side(need, user) -> bool:
    member = member_for_user(user)
    return bool(
        member and member.is_company and member.organization_id == need.organization_id
    )


class Need(ConcurrentTransitionMixin, BaseModel):
    """A request for expertise posted by a company member for their organization."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("need state", "Draft")
        """Written, seen only by the company."""
        PUBLISHED = "published", pgettext_lazy("need state", "Published")
        """Open to proposals until the deadline."""
        CLOSED = "closed", pgettext_lazy("need state", "Closed")
        """No new proposals; the company is choosing."""
        AWARDED = "awarded", pgettext_lazy("need state", "Awarded")
        """A proposal was accepted: a mission exists."""
        CANCELLED = "cancelled", pgettext_lazy("need state", "Cancelled")
        """The company gave up the need."""
        EXPIRED = "expired", pgettext_lazy("need state", "Expired")
        """The deadline passed with no proposal, or no award followed."""

    class ContractType(models.TextChoices):
        FIXED = "fixed", _("fixed price")
        """A total price, optionally split into milestones."""
        TIME = "time", _("time and materials")
        """A day rate times a number of days."""

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("all members")
        """Every expert member can see and answer it."""
        INVITED = "invited", _("invited experts only")
        """Invisible (404) to experts the company did not invite."""

    class Place(models.TextChoices):
        REMOTE = "remote", _("remote")
        ONSITE = "onsite", _("on site")
        HYBRID = "hybrid", _("hybrid")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="needs"
    )
    author = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="needs_written"
    )
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("context"), max_length=10_000)
    deliverables = models.TextField(_("expected deliverables"), max_length=5_000)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[LANGUAGES]
    )
    place = models.CharField(
        _("place"), max_length=10, choices=Place.choices, default="remote"
    )
    location = models.CharField(_("city"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(
        _("duration in days"),
        default=10,
        validators=[MaxValueValidator(MAX_DAYS)],
    )
    budget_min_cents = models.PositiveBigIntegerField(
        _("budget from (cents)"), default=0, validators=[MaxValueValidator(MAX_CENTS)]
    )
    budget_max_cents = models.PositiveBigIntegerField(
        _("budget up to (cents)"), default=0, validators=[MaxValueValidator(MAX_CENTS)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    contract_type = models.CharField(
        _("contract"), max_length=10, choices=ContractType.choices, default="fixed"
    )
    proposals_deadline = models.DateTimeField(_("proposals until"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default="members"
    )
    screening_questions = models.JSONField(
        _("screening questions"),
        default=list,
        blank=True,
        validators=[QUESTIONS],
    )
    state = FSMField(
        _("state"),
        default=State.DRAFT,
        choices=State.choices,
        protected=True,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # when a closed need with no award expires (set when it closes)
    award_by = models.DateTimeField(null=True, blank=True)
    # {skill id: weight}, a copy of the NeedSkill rows kept by services (set with
    # them in _need_skills_set; bulk writers fill it too): matching reads it in
    # one row on PostgreSQL (GIN-indexed for published needs, migration 0003)
    skill_weights = models.JSONField(default=dict, blank=True, editable=False)
    skill_weight_total = models.PositiveIntegerField(default=0, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [
            models.Index(fields=["organization", "-created_at"]),
            models.Index(
                fields=["proposals_deadline"],
                name="need_published_deadline",
                condition=Q(state="published"),
            ),
            models.Index(
                fields=["award_by"],
                name="need_closed_award_by",
                condition=Q(state="closed"),
            ),
            models.Index(fields=["state", "-published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="need_budget_range",
                condition=Q(budget_max_cents__gte=models.F("budget_min_cents")),
            )
        ]

    def clean(self):
        empty_lists(self, "languages", "screening_questions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("missions:need", args=[self.pk])

    @transition(
        field=state, source=State.DRAFT, target=State.PUBLISHED, permission=company_side
    )
    def publish(self, *, at):
        self.published_at = at

    @transition(
        field=state,
        source=State.PUBLISHED,
        target=State.CLOSED,
        permission=company_side,
    )
    def close(self, *, award_by):
        self.award_by = award_by

    @transition(
        field=state,
        source=[State.PUBLISHED, State.CLOSED],
        target=State.AWARDED,
        permission=nobody,
    )
    def award(self):
        pass

    @transition(
        field=state,
        source=[State.DRAFT, State.PUBLISHED, State.CLOSED],
        target=State.CANCELLED,
        permission=company_side,
    )
    def cancel(self):
        pass

    @transition(
        field=state,
        source=[State.PUBLISHED, State.CLOSED],
        target=State.EXPIRED,
        permission=nobody,
    )
    def expire(self):
        pass

    @transition(
        field=state, source=State.AWARDED, target=State.CLOSED, permission=nobody
    )
    def reopen(self, *, award_by):
        """The award was withdrawn or lapsed: the company chooses again."""
        self.award_by = award_by

    @property
    def is_open(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def questions(self) -> list[str]:
        """The screening questions as texts only: a value stored in another shape
        (before its JSON Schema, or around it) cannot break an expert's page."""
        return strings_only(self.screening_questions, MAX_QUESTIONS)

    @property
    def language_codes(self) -> list[str]:
        return strings_only(self.languages)

    def as_need_spec(self):
        """What marketplace.matching needs (reads `skills`: prefetch them for lists)."""
        return need_spec_from(
            id=self.pk,
            skills={str(line.skill_id): line.weight for line in self.skills.all()},
            languages=self.language_codes,
            budget_min_cents=self.budget_min_cents or None,
            budget_max_cents=self.budget_max_cents or None,
            start=self.start_date,
            remote=self.place,
            location=self.location,
            title=self.title,
        )


class NeedSkill(BaseModel):
    """A skill a need asks for, with how much it matters (1 to 5)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        "marketplace.Skill", on_delete=models.PROTECT, related_name="+"
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("skill wanted")
        verbose_name_plural = _("skills wanted")
        ordering = ["-weight", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["need", "skill"], name="need_skill_once"),
            models.CheckConstraint(
                name="need_skill_weight_1_5", condition=Q(weight__gte=1, weight__lte=5)
            ),
        ]
        indexes = [models.Index(fields=["skill", "need"])]

    def __str__(self):
        return f"{self.need} · {self.skill_id}"


class NeedInvitation(BaseModel):
    """An expert the company asked to answer (and who may see an invited-only need)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="need_invitations"
    )
    invited_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = _("invitation to answer")
        verbose_name_plural = _("invitations to answer")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "expert"], name="need_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.need} → {self.expert}"
