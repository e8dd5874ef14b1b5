"""Peer spaces: private communities of one profession, and circles around a person.

A `Space` gathers the practitioners of one profession (a skill family of the
taxonomy: `Skill.category`). A `Circle` gathers the counsellors and companions
an expert invited around their path. Both hold `Thread`s of `Post`s; a thread
belongs to exactly one of them. Who may read what is decided in one place,
`spaces.access`.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.storage import private_storage
from marketplace.models import ExpertSkill, Member

from .professions import profession_label

TITLE_MAX_LENGTH = 200
POST_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 500
CHARTER_MAX_LENGTH = 10_000
NAME_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 300


class Space(BaseModel):
    """A private community of one profession, led by peer moderators."""

    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    family = models.CharField(
        _("profession"),
        max_length=80,
        help_text=_("A skill family of the taxonomy."),
    )
    min_level = models.PositiveSmallIntegerField(
        _("level required"),
        choices=ExpertSkill.Level.choices,
        default=ExpertSkill.Level.PRACTITIONER,
    )
    description = models.CharField(
        _("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    charter = models.TextField(_("charter"), max_length=CHARTER_MAX_LENGTH, blank=True)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    suspended_reason = models.CharField(
        _("why suspended"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="space_level_1_to_4",
                condition=Q(min_level__gte=1, min_level__lte=4),
            ),
            # one space per profession: two proposals racing yield one space
            models.UniqueConstraint(fields=["family"], name="space_one_per_profession"),
        ]

    def __str__(self):
        return self.name

    @property
    def profession(self) -> str:
        """The profession in the reader's language (`family` is the taxonomy's key)."""
        return profession_label(self.family)

    def get_absolute_url(self):
        return reverse("spaces:space", kwargs={"space_id": self.pk})

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def group_name(self) -> str:
        return f"space-{self.pk}"


class Membership(BaseModel):
    """One member in one space: asked, active (member or moderator), or removed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for admission")
        """Asked to be admitted; a moderator reviews the request."""
        ACTIVE = "active", _("Member")
        """Reads and writes in the space."""
        REFUSED = "refused", _("Admission refused")
        """A moderator declined the request (with a reason)."""
        REMOVED = "removed", _("Removed")
        """Removed by a moderator (with a reason); may appeal."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    class Via(models.TextChoices):
        PROFILE = "profile", _("Profile")
        """Their published profile shows the profession at the level required."""
        ADMISSION = "admission", _("Admission")
        """A moderator admitted them after review."""
        APPOINTMENT = "appointment", _("Appointment")
        """Appointed moderator when the space was created."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="space_memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.MEMBER
    )
    via = models.CharField(_("joined by"), max_length=12, choices=Via.choices)
    request_note = models.CharField(
        _("about your practice"), max_length=REASON_MAX_LENGTH, blank=True
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    warning = models.CharField(_("warning"), max_length=REASON_MAX_LENGTH, blank=True)
    # an appointed moderator must be confirmed by the members before this date
    confirm_by = models.DateField(_("to be confirmed by"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    appeal = models.CharField(_("appeal"), max_length=REASON_MAX_LENGTH, blank=True)
    # the weekly digest: when this member last got one for this space
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("space membership")
        verbose_name_plural = _("space memberships")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "member"], name="space_membership_once"
            ),
        ]
        indexes = [models.Index(fields=["member", "status"])]

    def __str__(self):
        return f"{self.member_id} in {self.space_id}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == self.Role.MODERATOR


class Circle(BaseModel):
    """A small private circle of counsellors and companions around one expert's path."""

    owner = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="circles")
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("circle")
        verbose_name_plural = _("circles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("spaces:circle", kwargs={"circle_id": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class CircleMember(BaseModel):
    """A counsellor or companion the expert invited into their circle."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="people")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("circle member")
        verbose_name_plural = _("circle members")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "member"], name="circle_member_once"
            ),
        ]

    def __str__(self):
        return f"{self.member_id} in {self.circle_id}"


class Thread(BaseModel):
    """A question or a discussion, in a space or in a circle."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        """Asks the peers for an answer; one reply may be marked as the helpful one."""
        DISCUSSION = "discussion", _("Discussion")
        """An open exchange."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    circle = models.ForeignKey(
        Circle, on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    last_post_at = models.DateTimeField(_("last reply"), null=True, blank=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    helpful_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_post_at"]
        constraints = [
            models.CheckConstraint(
                name="thread_in_space_or_circle",
                condition=Q(space__isnull=False, circle__isnull=True)
                | Q(space__isnull=True, circle__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["space", "-last_post_at"]),
            models.Index(fields=["circle", "-last_post_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("spaces:thread", kwargs={"thread_id": self.pk})

    @property
    def group_name(self) -> str:
        return f"thread-{self.pk}"


class Post(BaseModel):
    """One post of a thread (the first one opens it); may quote another post."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("text"), max_length=POST_MAX_LENGTH)
    quote = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quoting"),
    )
    # members mentioned by their shown name (@name): told, never named otherwise
    mentions = models.ManyToManyField(Member, blank=True, related_name="+")
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(
        _("why hidden"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return self.body[:40]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostAttachment(BaseModel):
    """A file attached to a post, checked with the mission file rules."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="spaces/%Y/%m/", storage=private_storage)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)

    class Meta(BaseModel.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("spaces:attachment", kwargs={"attachment_id": self.pk})


class Follow(BaseModel):
    """A member follows a thread: its replies reach them (notification, digest)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta(BaseModel.Meta):
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="follow_once"),
        ]


class ModerationAction(BaseModel):
    """One line of a space's moderation log, visible to its members."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Post reported")
        HIDE = "hide", _("Post hidden")
        RESTORE = "restore", _("Post shown again")
        WARN = "warn", _("Member warned")
        REMOVE = "remove", _("Member removed")
        APPEAL = "appeal", _("Removal appealed")
        REINSTATE = "reinstate", _("Member reinstated")
        ADMIT = "admit", _("Member admitted")
        REFUSE = "refuse", _("Admission refused")
        SUSPEND = "suspend", _("Space suspended")
        RESUME = "resume", _("Space resumed")
        CONFIRM = "confirm", _("Moderator confirmed by the members")
        NOT_CONFIRMED = "unconfirm", _("Moderator not confirmed by the members")

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="moderation_log"
    )
    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    # who did it; a report's author is kept for the moderators, never shown
    actor = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["space", "-created_at"])]

    def __str__(self):
        return f"{self.kind} in {self.space_id}"


class ConfirmationVoter(BaseModel):
    """Who voted on confirming an appointed moderator (never what).

    The secret ballot of governance (`governance.receipts`): the roll keeps
    only a hash of the voter's receipt code salted with this row's id; the
    ballot, with no member and no time, is published under another hash of it.
    """

    moderator = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="confirmation_roll"
    )
    voter = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    receipt_check = models.CharField(max_length=64)

    class Meta(BaseModel.Meta):
        verbose_name = _("confirmation voter")
        verbose_name_plural = _("confirmation voters")
        constraints = [
            models.UniqueConstraint(
                fields=["moderator", "voter"], name="confirmation_vote_once"
            ),
        ]


class ConfirmationBallot(models.Model):
    """What one anonymous member chose about an appointed moderator."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    moderator = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="confirmation_ballots"
    )
    approve = models.BooleanField(_("confirms"))
    receipt_hash = models.CharField(_("receipt"), max_length=64)

    class Meta:
        verbose_name = _("confirmation ballot")
        verbose_name_plural = _("confirmation ballots")
        ordering = ["moderator", "receipt_hash"]
        constraints = [
            models.UniqueConstraint(
                fields=["moderator", "receipt_hash"], name="confirmation_ballot_once"
            ),
        ]

    def __str__(self):
        return self.receipt_hash[:12]
