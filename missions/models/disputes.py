"""Disputes: a statement, an answer, a mediator's proposal or decision, a precedent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.models import BaseModel
from marketplace.models import Member
from marketplace.selectors import member_for_user

from ._base import is_mediator, nobody
from .missions import Mission, side_of


def other_party(dispute, user) -> bool:
    side = side_of(dispute.mission, member_for_user(user))
    return side is not None and side != dispute.opened_by_side


def assigned_mediator(dispute, user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and dispute.mediator_id == user.pk
        and is_mediator(user)
    )


def dispute_party(dispute, user) -> bool:
    return side_of(dispute.mission, member_for_user(user)) is not None


class Dispute(ConcurrentTransitionMixin, BaseModel):
    """A disagreement on a mission, handled by a mediator who belongs to neither party."""

    class State(models.TextChoices):
        OPENED = "opened", pgettext_lazy("dispute state", "Opened")
        """A party stated the problem; the other has not answered yet."""
        ANSWERED = "answered", pgettext_lazy("dispute state", "Answered")
        """The other party answered."""
        PROPOSED = "proposed", pgettext_lazy("dispute state", "Resolution proposed")
        """The mediator proposed a resolution; both parties must accept it."""
        RESOLVED = "resolved", pgettext_lazy("dispute state", "Resolved")
        """Both parties accepted the mediator's proposal."""
        DECIDED = "decided", pgettext_lazy("dispute state", "Decided")
        """The mediator closed it with a decision."""

    OPEN_STATES = (State.OPENED, State.ANSWERED, State.PROPOSED)

    class Outcome(models.TextChoices):
        RESUME = "resume", _("the mission resumes")
        COMPLETE = "complete", _("the mission is completed")
        CANCEL = "cancel", _("the mission is cancelled")

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="disputes"
    )
    opened_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    opened_by_side = models.CharField(max_length=10, choices=Mission.Side.choices)
    # the mission's state when the dispute opened (for the record)
    mission_state_before = models.CharField(max_length=20)
    statement = models.TextField(_("statement"), max_length=10_000)
    answer = models.TextField(_("answer"), blank=True, max_length=10_000)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mediated_disputes",
        null=True,
        blank=True,
    )
    resolution = models.TextField(
        _("proposed resolution"), blank=True, max_length=10_000
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    company_accepted_at = models.DateTimeField(null=True, blank=True)
    expert_accepted_at = models.DateTimeField(null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True, max_length=10_000)
    precedent = models.TextField(_("published precedent (anonymised)"), blank=True)
    precedent_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    state = FSMField(
        _("state"),
        default=State.OPENED,
        choices=State.choices,
        protected=True,
        db_index=True,
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(state__in=["opened", "answered", "proposed"]),
                name="dispute_one_open_per_mission",
            )
        ]

    def __str__(self):
        return f"{self.mission}"

    @transition(
        field=state, source=State.OPENED, target=State.ANSWERED, permission=other_party
    )
    def answer_statement(self, *, text):
        self.answer = text

    @transition(
        field=state,
        source=[State.OPENED, State.ANSWERED],
        target=State.PROPOSED,
        permission=assigned_mediator,
    )
    def propose(self, *, resolution, outcome):
        self.resolution, self.outcome = resolution, outcome
        self.company_accepted_at = self.expert_accepted_at = None

    @transition(
        field=state,
        source=State.PROPOSED,
        target=State.ANSWERED,
        permission=dispute_party,
    )
    def reject_proposal(self):
        self.company_accepted_at = self.expert_accepted_at = None

    @transition(
        field=state, source=State.PROPOSED, target=State.RESOLVED, permission=nobody
    )
    def resolve(self):
        """Both parties accepted (fired by the second acceptance)."""

    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=State.DECIDED,
        permission=assigned_mediator,
    )
    def decide(self, *, decision, outcome):
        self.decision, self.outcome = decision, outcome
