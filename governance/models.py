"""Governance data: rule versions, colleges, motions, amendments and secret ballots.

Secrecy of the vote rests on two tables that share no key:

- `VoterRoll` says *who* voted on a motion (one row per member, unique), with a
  salted hash of the voter's secret receipt code so the voter can later prove
  the receipt is theirs;
- `Ballot` says *what* was chosen, in which college, under a second, different
  hash of the same receipt code. It has no member, no timestamp and a random
  (not time-ordered) id, so nothing in the row points back to the roll.

Only the receipt code itself, which the database never stores, links the two.
"""

import uuid

import pgtrigger
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.models import BaseModel
from marketplace.models import Member


class College(models.TextChoices):
    """The three voting colleges, as in a French SCIC."""

    COMPANIES = "companies", _("companies")
    """Company members whose organization has an active membership."""
    EXPERTS = "experts", _("experts")
    """Experts with an active membership."""
    FOUNDERS = "founders", _("founders and staff")
    """Members holding a `FounderSeat`, whatever their community."""


class Choice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class FounderSeat(BaseModel):
    """Puts a member in the founders and staff college instead of their community's.

    Granted by the cooperative (the demo data, or `founder_seat_grant` called
    from a data migration recording a general assembly's decision).
    """

    member = models.OneToOneField(
        Member,
        on_delete=models.CASCADE,
        related_name="founder_seat",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("why"), max_length=200, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("founder seat")
        verbose_name_plural = _("founder seats")

    def __str__(self):
        return str(self.member)


class Motion(ConcurrentTransitionMixin, BaseModel):
    """A proposal put to the members: a typed change of rules, or a text."""

    class Kind(models.TextChoices):
        RULES = "rules", _("Rule change")
        """Changes one or more rules of the registry to validated values."""
        TEXT = "text", _("Text")
        """A charter article or a statement; nothing is enacted in code."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        """Written by its author, visible to members, not yet open to debate."""
        DELIBERATION = "deliberation", _("Deliberation")
        """Open to comments, amendments and co-sponsors."""
        VOTING = "voting", _("Voting")
        """The vote is open; results stay hidden until it closes."""
        ADOPTED = "adopted", _("Adopted")
        """The vote closed, quorum met, threshold reached."""
        REJECTED = "rejected", _("Rejected")
        """The vote closed without quorum or without the required majority."""
        WITHDRAWN = "withdrawn", _("Withdrawn")
        """The author withdrew it before the vote."""

    class Enactment(models.TextChoices):
        NONE = "none", _("Nothing to enact")
        """A text motion, or a motion not adopted."""
        SCHEDULED = "scheduled", _("Scheduled")
        """Adopted rule changes waiting for their effective date (cooling-off)."""
        ENACTED = "enacted", _("Enacted")
        """The new rule versions are stored and in force from the effective date."""

    author = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="motions",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("rationale"), max_length=10_000)
    text = models.TextField(_("text"), blank=True, max_length=20_000)
    changes = models.JSONField(_("rule changes"), default=dict, blank=True)
    is_charter = models.BooleanField(_("changes the charter"), default=False)
    state = FSMField(
        _("state"),
        default=State.DRAFT,
        choices=State.choices,
        protected=True,
        max_length=20,
    )
    enactment = FSMField(
        _("enactment"),
        default=Enactment.NONE,
        choices=Enactment.choices,
        protected=True,
        max_length=20,
    )
    supermajority = models.BooleanField(_("needs a supermajority"), default=False)
    # the rules of the vote, fixed when it opens (weights, quorums, threshold)
    parameters = models.JSONField(_("rules of the vote"), default=dict, blank=True)
    voting_opens_at = models.DateTimeField(_("vote opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("vote closes"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminders sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("vote closed"), null=True, blank=True)
    effective_at = models.DateTimeField(_("takes effect"), null=True, blank=True)
    enacted_at = models.DateTimeField(_("enacted"), null=True, blank=True)
    # accountability of an adopted text motion: on `review_on` the dashboard
    # shows the indicator's value and the motion comes back for review
    review_on = models.DateField(_("review on"), null=True, blank=True)
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        constraints = [
            models.CheckConstraint(
                name="motion_kind_has_content",
                condition=Q(kind="rules", text="") | Q(kind="text", changes={}),
            ),
            models.CheckConstraint(
                name="motion_window_ordered",
                condition=Q(voting_opens_at__isnull=True)
                | Q(voting_closes_at__gt=models.F("voting_opens_at")),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "voting_closes_at"]),
            models.Index(fields=["enactment", "effective_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("governance:motion", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.state in {self.State.ADOPTED, self.State.REJECTED}

    # transitions only change fields; services save, audit and notify
    @transition(field=state, source=State.DRAFT, target=State.DELIBERATION)
    def submit(self):
        pass

    @transition(field=state, source=State.DELIBERATION, target=State.VOTING)
    def open_vote(self, *, opens_at, closes_at, parameters, supermajority):
        self.voting_opens_at, self.voting_closes_at = opens_at, closes_at
        self.parameters, self.supermajority = parameters, supermajority

    @transition(
        field=state, source=[State.DRAFT, State.DELIBERATION], target=State.WITHDRAWN
    )
    def withdraw(self):
        pass

    @transition(field=state, source=State.VOTING, target=State.ADOPTED)
    def adopt(self, *, closed_at):
        self.closed_at = closed_at

    @transition(field=state, source=State.VOTING, target=State.REJECTED)
    def reject(self, *, closed_at):
        self.closed_at = closed_at

    @transition(field=enactment, source=Enactment.NONE, target=Enactment.SCHEDULED)
    def schedule(self, *, effective_at):
        self.effective_at = effective_at

    @transition(field=enactment, source=Enactment.SCHEDULED, target=Enactment.ENACTED)
    def enact(self, *, enacted_at):
        self.enacted_at = enacted_at


class MotionRevision(BaseModel):
    """The motion's content at one point: the first version, then one per accepted amendment."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    changes = models.JSONField(_("rule changes"), default=dict, blank=True)
    amendment = models.OneToOneField(
        "Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("motion revision")
        verbose_name_plural = _("motion revisions")
        ordering = ["motion", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "number"], name="motion_revision_once"
            )
        ]

    def __str__(self):
        return f"{self.motion} #{self.number}"


class Sponsorship(BaseModel):
    """A voter other than the author supports putting the motion to vote."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="sponsorships"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = _("co-sponsorship")
        verbose_name_plural = _("co-sponsorships")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "member"], name="sponsorship_once"
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.motion}"


class Comment(BaseModel):
    """One message of a motion's deliberation thread."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)

    class Meta(BaseModel.Meta):
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]


class Amendment(ConcurrentTransitionMixin, BaseModel):
    """A proposed change of a motion's text or values; its author accepts or rejects it."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        """Waiting for the motion's author."""
        ACCEPTED = "accepted", _("Accepted")
        """Merged into the motion (a new revision)."""
        REJECTED = "rejected", _("Rejected")
        """Declined by the motion's author."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="amendments"
    )
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    rationale = models.TextField(_("rationale"), max_length=5000)
    text = models.TextField(_("new text"), blank=True, max_length=20_000)
    changes = models.JSONField(_("new rule changes"), default=dict, blank=True)
    state = FSMField(
        _("state"),
        default=State.PROPOSED,
        choices=State.choices,
        protected=True,
        max_length=20,
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at"]

    def __str__(self):
        return self.rationale[:60]

    @transition(field=state, source=State.PROPOSED, target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=State.PROPOSED, target=State.REJECTED)
    def reject(self):
        pass


class VoterRoll(BaseModel):
    """Who voted on a motion (never what): one row per voter, enforced by the database."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    college = models.CharField(_("college"), max_length=10, choices=College.choices)
    # salted hash of the receipt code (salt = this row's id): proves a presented
    # code belongs to this voter, without revealing the ballot's own hash
    receipt_check = models.CharField(max_length=64)

    class Meta(BaseModel.Meta):
        verbose_name = _("voter roll entry")
        verbose_name_plural = _("voter roll")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "member"], name="voter_roll_once")
        ]

    def __str__(self):
        return f"{self.member} voted on {self.motion}"


class Ballot(BaseModel):
    """What one anonymous voter chose. No member, no time, a random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = None  # a timestamp would let anyone join a ballot to the roll
    updated_at = None
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    college = models.CharField(_("college"), max_length=10, choices=College.choices)
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    receipt_hash = models.CharField(_("receipt"), max_length=64)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["motion", "receipt_hash"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "receipt_hash"], name="ballot_receipt_once"
            )
        ]
        # once the vote is closed (its result published) a ballot is never
        # changed nor deleted, raw SQL included (PostgreSQL; a WHEN clause
        # cannot look at another table, hence a function)
        triggers = [
            pgtrigger.Trigger(
                name="ballot_closed_vote_kept",
                when=pgtrigger.Before,
                operation=pgtrigger.Update | pgtrigger.Delete,
                func=pgtrigger.Func(
                    "IF EXISTS (SELECT 1 FROM governance_result r "
                    "WHERE r.motion_id = OLD.motion_id) THEN "
                    "RAISE EXCEPTION 'ballots of a closed vote are kept as cast' "
                    "USING ERRCODE = 'restrict_violation'; END IF; "
                    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
                ),
            )
        ]

    def __str__(self):
        return self.receipt_hash[:12]


class Result(BaseModel):
    """The published outcome of a closed vote: the tally and the anonymous ballot list.

    `ballots` is the exact published text (JSON, sorted by receipt hash) and
    `digest` its SHA-256, so anyone can check they recount the same list.
    """

    motion = models.OneToOneField(
        Motion, on_delete=models.CASCADE, related_name="result"
    )
    tally = models.JSONField(_("tally"))
    ballots = models.TextField(_("anonymous ballots"))
    digest = models.CharField(_("SHA-256 of the list"), max_length=64)
    ballot_count = models.PositiveIntegerField(_("ballots"))

    class Meta(BaseModel.Meta):
        verbose_name = _("published result")
        verbose_name_plural = _("published results")

    def __str__(self):
        return f"{self.motion}: {self.ballot_count}"
