"""The contract: a mission, its milestones, deliveries, files and invoices.

Milestones run in order: only the first one not yet accepted is worked on,
and the mission's state mirrors it (active: being worked on, delivered: waiting
for the company, changes_requested: sent back). A mission without declared
milestones has one, the whole mission.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.ids import uuid7
from core.models import BaseModel
from core.storage import private_storage
from marketplace.models import Member, Organization
from marketplace.selectors import member_for_user

from ._base import nobody
from .needs import Need
from .proposals import Proposal

# the title of the one milestone of a mission declared without milestones; it
# is stored in the awarder's language and shown in the reader's (shown_title)
WHOLE_MISSION = _("The whole mission")


def whole_mission_titles() -> set[str]:
    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles.add(str(WHOLE_MISSION))
    return titles


def side_of(mission, member) -> str | None:
    """ "company", "expert" or None: which party of `mission` a member is."""
    if member is None:
        return None
    if member.pk == mission.expert_id:
        return "expert"
    if member.is_company and member.organization_id == mission.organization_id:
        return "company"
    return None


def mission_company(mission, user) -> bool:
    return side_of(mission, member_for_user(user)) == "company"


def mission_expert(mission, user) -> bool:
    return side_of(mission, member_for_user(user)) == "expert"


def mission_party(mission, user) -> bool:
    return side_of(mission, member_for_user(user)) is not None


def mission_party_facing_request(mission, user) -> bool:
    """Cancel by agreement: the party who did not ask agrees."""
    side = side_of(mission, member_for_user(user))
    return side is not None and mission.cancellation_requested_by not in ("", side)


class Mission(ConcurrentTransitionMixin, BaseModel):
    """The contract between a company and an expert, born from an accepted proposal."""

    class State(models.TextChoices):
        AWARDED = "awarded", pgettext_lazy("mission state", "Awarded")
        """The company accepted a proposal; the expert has yet to confirm."""
        ACTIVE = "active", pgettext_lazy("mission state", "Active")
        """The expert works on the current milestone."""
        DELIVERED = "delivered", pgettext_lazy("mission state", "Delivered")
        """The current milestone was delivered; the company answers (or silence accepts)."""
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("mission state", "Changes requested"),
        )
        """The company sent the delivery back with requested changes."""
        COMPLETED = "completed", pgettext_lazy("mission state", "Completed")
        """Every milestone was accepted."""
        CANCELLED = "cancelled", pgettext_lazy("mission state", "Cancelled")
        """Ended before completion: by agreement, before start, or by a dispute's outcome."""
        DISPUTED = "disputed", pgettext_lazy("mission state", "Disputed")
        """A party opened a dispute; a mediator handles it."""

    WORKING = (State.ACTIVE, State.DELIVERED, State.CHANGES_REQUESTED)

    class Side(models.TextChoices):
        COMPANY = "company", _("company")
        EXPERT = "expert", _("expert")

    # a need has one live mission; a cancelled award may be followed by another
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="missions")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="mission"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="missions"
    )
    expert = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="missions"
    )
    title = models.CharField(_("title"), max_length=200)
    agreed_value_cents = models.PositiveBigIntegerField(_("agreed value (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    state = FSMField(
        _("state"),
        default=State.AWARDED,
        choices=State.choices,
        protected=True,
        db_index=True,
    )
    confirm_by = models.DateTimeField(_("to be confirmed by"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    cancellation_requested_by = models.CharField(
        _("cancellation asked by"), max_length=10, choices=Side.choices, blank=True
    )
    cancellation_reason = models.TextField(_("why cancel"), blank=True)
    # milestones not yet accepted (kept by the services: conditions read no other row)
    milestones_left = models.PositiveSmallIntegerField(default=1, editable=False)
    reviews_due_at = models.DateTimeField(_("reviews until"), null=True, blank=True)
    reviews_published_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.UniqueConstraint(
                fields=["need"],
                condition=~Q(state="cancelled"),
                name="mission_one_live_per_need",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "-created_at"]),
            models.Index(fields=["expert", "-created_at"]),
            models.Index(
                fields=["confirm_by"],
                name="mission_award_due",
                condition=Q(state="awarded"),
            ),
            models.Index(
                fields=["reviews_due_at"],
                name="mission_reviews_due",
                condition=Q(state="completed", reviews_published_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("missions:mission", args=[self.pk])

    def _more_milestones(self) -> bool:
        return self.milestones_left > 1

    def _last_milestone(self) -> bool:
        return self.milestones_left <= 1

    @transition(
        field=state,
        source=State.AWARDED,
        target=State.ACTIVE,
        permission=mission_expert,
    )
    def confirm(self, *, at):
        self.started_at = at

    @transition(
        field=state,
        source=State.AWARDED,
        target=State.CANCELLED,
        permission=mission_expert,
    )
    def decline_award(self, *, at, why):
        self.ended_at, self.cancellation_reason = at, why

    @transition(
        field=state,
        source=State.AWARDED,
        target=State.CANCELLED,
        permission=mission_company,
    )
    def withdraw_award(self, *, at, why):
        self.ended_at, self.cancellation_reason = at, why

    @transition(
        field=state, source=State.AWARDED, target=State.CANCELLED, permission=nobody
    )
    def lapse(self, *, at):
        self.ended_at = at

    @transition(
        field=state,
        source=[State.ACTIVE, State.CHANGES_REQUESTED],
        target=State.DELIVERED,
        permission=mission_expert,
    )
    def deliver(self):
        pass

    @transition(
        field=state,
        source=State.DELIVERED,
        target=State.CHANGES_REQUESTED,
        permission=mission_company,
    )
    def request_changes(self):
        pass

    @transition(
        field=state,
        source=State.CHANGES_REQUESTED,
        target=State.ACTIVE,
        permission=mission_expert,
    )
    def resume(self):
        """The expert takes the requested changes on board (back to work)."""

    @transition(
        field=state,
        source=State.DELIVERED,
        target=State.ACTIVE,
        permission=mission_company,
        conditions=[_more_milestones],
    )
    def accept_milestone(self):
        """The current milestone is accepted; work goes on with the next."""
        self.milestones_left -= 1

    @transition(
        field=state,
        source=State.DELIVERED,
        target=State.COMPLETED,
        permission=mission_company,
        conditions=[_last_milestone],
    )
    def complete(self, *, at, reviews_due_at):
        self.ended_at, self.reviews_due_at = at, reviews_due_at
        self.milestones_left = 0

    @transition(
        field=state,
        source=list(WORKING),
        target=State.CANCELLED,
        permission=mission_party_facing_request,
    )
    def cancel(self, *, at):
        """Cancel by agreement: one party asked, the other agrees."""
        self.ended_at = at

    @transition(
        field=state,
        source=list(WORKING),
        target=State.DISPUTED,
        permission=mission_party,
    )
    def dispute(self):
        pass

    @transition(
        field=state, source=State.DISPUTED, target=State.ACTIVE, permission=nobody
    )
    def settle_resume(self):
        pass

    @transition(
        field=state, source=State.DISPUTED, target=State.COMPLETED, permission=nobody
    )
    def settle_complete(self, *, at, reviews_due_at):
        self.ended_at, self.reviews_due_at = at, reviews_due_at

    @transition(
        field=state, source=State.DISPUTED, target=State.CANCELLED, permission=nobody
    )
    def settle_cancel(self, *, at):
        self.ended_at = at


class Milestone(ConcurrentTransitionMixin, BaseModel):
    """A part of a mission with its own deliver / request changes / accept cycle."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("milestone state", "In progress")
        """Not delivered yet (or being reworked after requested changes)."""
        DELIVERED = "delivered", pgettext_lazy("milestone state", "Delivered")
        """Waiting for the company's answer; silence accepts it after the delay."""
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("milestone state", "Changes requested"),
        )
        """Sent back to the expert."""
        ACCEPTED = "accepted", pgettext_lazy("milestone state", "Accepted")
        """Done."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="milestones"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"), default=0)
    # the date the proposal promised for this milestone (copied at the award)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    state = FSMField(
        _("state"), default=State.OPEN, choices=State.choices, protected=True
    )

    @property
    def shown_title(self) -> str:
        """The title in the reader's language when it is the default one."""
        if self.title in whole_mission_titles():
            return str(WHOLE_MISSION)
        return self.title

    delivered_at = models.DateTimeField(null=True, blank=True)
    auto_accept_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by_silence = models.BooleanField(default=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["mission", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "position"], name="milestone_position_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["auto_accept_at"],
                name="milestone_auto_accept_due",
                condition=Q(state="delivered"),
            )
        ]

    def __str__(self):
        return self.title

    @transition(
        field=state,
        source=[State.OPEN, State.CHANGES_REQUESTED],
        target=State.DELIVERED,
    )
    def deliver(self, *, at, auto_accept_at):
        self.delivered_at, self.auto_accept_at, self.reminders_sent = (
            at,
            auto_accept_at,
            0,
        )

    @transition(field=state, source=State.DELIVERED, target=State.CHANGES_REQUESTED)
    def request_changes(self):
        self.auto_accept_at = None

    @transition(field=state, source=State.DELIVERED, target=State.ACCEPTED)
    def accept(self, *, at, by_silence: bool = False):
        self.accepted_at, self.accepted_by_silence, self.auto_accept_at = (
            at,
            by_silence,
            None,
        )


class Delivery(BaseModel):
    """What the expert hands over for a milestone: a message and files, and the answer."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="deliveries"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="deliveries"
    )
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), max_length=10_000)
    answer = models.TextField(_("answer"), blank=True, max_length=10_000)

    class Meta(BaseModel.Meta):
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.milestone} · {self.created_at:%Y-%m-%d}"


def _file_name(instance, filename: str) -> str:
    # a stored name says nothing about its owner or its original name
    return f"missions/{uuid7().hex}"


class MissionFile(BaseModel):
    """A file attached to a delivery or a proposal, stored outside the web root."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="files", null=True, blank=True
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="files", null=True, blank=True
    )
    file = models.FileField(
        upload_to=_file_name, storage=private_storage, max_length=200
    )
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                name="mission_file_one_owner",
                condition=Q(delivery__isnull=False, proposal__isnull=True)
                | Q(delivery__isnull=True, proposal__isnull=False),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("missions:file", args=[self.pk])


class Invoice(BaseModel):
    """An invoice the expert sent the company directly, and the payment date it confirms.

    The platform never holds or takes mission money: these rows only record what
    happened, for the public value-sharing figures (platform share = 0).
    """

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=60)
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    issued_on = models.DateField(_("issued on"))
    declared_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_confirmed_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["issued_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "number"], name="invoice_number_once"
            ),
            models.CheckConstraint(
                name="invoice_amount_positive", condition=Q(amount_cents__gt=0)
            ),
        ]

    def __str__(self):
        return self.number
