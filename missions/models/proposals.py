"""An expert's answer to a need, its revisions and its attachments."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.models import BaseModel
from core.validators import MAX_CENTS
from marketplace.models import Member
from marketplace.selectors import member_for_user

from ._base import empty_lists, nobody
from .needs import Need
from .schemas import ANSWERS, MAX_DAYS, MILESTONES


def need_company_side(proposal, user) -> bool:
    member = member_for_user(user)
    return bool(
        member
        and member.is_company
        and member.organization_id == proposal.need.organization_id
    )


def proposal_author(proposal, user) -> bool:
    member = member_for_user(user)
    return bool(member and member.pk == proposal.expert_id)


class Proposal(ConcurrentTransitionMixin, BaseModel):
    """An expert's offer for a need: approach, price, dates, answers."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("proposal state", "Submitted")
        """Sent to the company; the expert may still revise it while the need is open."""
        SHORTLISTED = "shortlisted", pgettext_lazy("proposal state", "Shortlisted")
        """The company keeps it among its favourites."""
        ACCEPTED = "accepted", pgettext_lazy("proposal state", "Accepted")
        """The company awarded the need to it: a mission exists."""
        DECLINED = "declined", pgettext_lazy("proposal state", "Declined")
        """The company said no, or accepted another proposal."""
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal state", "Withdrawn")
        """The expert took it back."""

    ACTIVE_STATES = (State.SUBMITTED, State.SHORTLISTED)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="proposals")
    expert = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="proposals"
    )
    approach = models.TextField(_("approach"), max_length=10_000)
    total_cents = models.PositiveBigIntegerField(
        _("total price (cents)"), default=0, validators=[MaxValueValidator(MAX_CENTS)]
    )
    day_rate_cents = models.PositiveBigIntegerField(
        _("day rate (cents)"), default=0, validators=[MaxValueValidator(MAX_CENTS)]
    )
    estimated_days = models.PositiveIntegerField(
        _("estimated days"),
        default=0,
        validators=[MaxValueValidator(MAX_DAYS)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    # [{"title": str, "amount_cents": int}], in order; empty: one milestone, the whole mission
    milestones = models.JSONField(
        _("milestones"), default=list, blank=True, validators=[MILESTONES]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(
        _("duration in days"),
        default=10,
        validators=[MaxValueValidator(MAX_DAYS)],
    )
    answers = models.JSONField(
        _("answers to the screening questions"),
        default=list,
        blank=True,
        validators=[ANSWERS],
    )
    reveal_identity = models.BooleanField(
        _("show my identity to this company"),
        default=True,
        help_text=_("A pseudonymous expert may answer under their alias."),
    )
    revision = models.PositiveIntegerField(default=1)
    state = FSMField(
        _("state"),
        default=State.SUBMITTED,
        choices=State.choices,
        protected=True,
        db_index=True,
    )
    declined_by_award = models.BooleanField(default=False, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["need", "state"]),
            models.Index(fields=["expert", "-created_at"]),
        ]
        constraints = [
            # one live proposal per expert and need (a withdrawn one may be followed by a new one)
            models.UniqueConstraint(
                fields=["need", "expert"],
                condition=~Q(state="withdrawn"),
                name="proposal_one_live_per_expert",
            ),
        ]

    def clean(self):
        empty_lists(self, "milestones", "answers")

    def __str__(self):
        return f"{self.need} · {self.expert}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("missions:proposal", args=[self.pk])

    @property
    def value_cents(self) -> int:
        """The value of the contract this proposal offers."""
        if self.need.contract_type == Need.ContractType.TIME:
            return self.day_rate_cents * self.estimated_days
        return self.total_cents

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.SHORTLISTED,
        permission=need_company_side,
    )
    def shortlist(self):
        pass

    @transition(
        field=state,
        source=[State.SUBMITTED, State.SHORTLISTED],
        target=State.ACCEPTED,
        permission=need_company_side,
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=[State.SUBMITTED, State.SHORTLISTED],
        target=State.DECLINED,
        permission=need_company_side,
    )
    def decline(self, *, by_award: bool = False):
        self.declined_by_award = by_award

    @transition(
        field=state,
        source=[State.SUBMITTED, State.SHORTLISTED],
        target=State.WITHDRAWN,
        permission=proposal_author,
    )
    def withdraw(self):
        pass

    @transition(
        field=state, source=State.DECLINED, target=State.SUBMITTED, permission=nobody
    )
    def reinstate(self):
        """The award that declined it was withdrawn or lapsed."""
        self.declined_by_award = False


class ProposalRevision(BaseModel):
    """A proposal as it stood before a revision (the history the company can read)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()

    class Meta(BaseModel.Meta):
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="proposal_revision_once"
            )
        ]

    def __str__(self):
        return f"{self.proposal} r{self.number}"
