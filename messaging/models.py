"""Private conversations: one per proposal, one per mission.

Participants are derived from the proposal or the mission (see
`missions.selectors.proposal_participants` / `mission_participants`) and kept
as `Participant` rows, which also hold each member's read position. Messages
carry a sequence number per conversation: it orders them, lets a client that
reconnects ask for everything after the last one it has (`sync`), and makes
"unread" a subtraction.

The tables keep the names they had when conversations lived in missions
(`missions_conversation`...): the move to this app changed no data.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.ids import uuid7
from core.models import BaseModel
from core.refusals import Refusal
from core.storage import private_storage
from core.validators import text_is_storable
from marketplace.models import Member
from missions.models import Mission, Proposal

from .system_text import system_text

MESSAGE_MAX_LENGTH = 5000
EDIT_WINDOW_SECONDS = 5 * 60


def check_body(body: str) -> str:
    """The one check of a message's text (socket, form, API and services use it)."""
    if not isinstance(body, str) or not body.strip():
        raise Refusal(gettext("A message cannot be empty."), code="empty", status=400)
    if not text_is_storable(body):
        raise Refusal(
            gettext("A message cannot contain a NUL character or a lone surrogate."),
            code="bad_character",
            status=400,
        )
    if len(body) > MESSAGE_MAX_LENGTH:
        raise Refusal(
            gettext("A message has at most %(max)s characters.")
            % {"max": MESSAGE_MAX_LENGTH},
            code="too_long",
            status=400,
        )
    return body


class Conversation(BaseModel):
    """The private thread of one proposal or one mission."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("proposal")
        """Between the company's members and the expert who answered its need."""
        MISSION = "mission", _("mission")
        """Between the company's members and the expert doing the mission."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.CASCADE,
        related_name="conversation",
        null=True,
        blank=True,
    )
    mission = models.OneToOneField(
        Mission,
        on_delete=models.CASCADE,
        related_name="conversation",
        null=True,
        blank=True,
    )
    last_seq = models.PositiveIntegerField(_("last message number"), default=0)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        db_table = "missions_conversation"
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="conversation_one_subject",
                condition=Q(
                    kind="proposal", proposal__isnull=False, mission__isnull=True
                )
                | Q(kind="mission", mission__isnull=False, proposal__isnull=True),
            )
        ]

    def __str__(self):
        return str(self.subject)

    def get_absolute_url(self):
        return reverse("missions:conversation", args=[self.pk])

    @property
    def subject(self):
        return self.proposal if self.kind == self.Kind.PROPOSAL else self.mission

    @property
    def group_name(self) -> str:
        """The channel-layer group every open socket of this conversation joins."""
        return f"conversation.{self.pk.hex}"

    @property
    def is_read_only(self) -> bool:
        """A withdrawn proposal's conversation keeps its history, takes no message."""
        if self.kind == self.Kind.PROPOSAL:
            return self.proposal.state == Proposal.State.WITHDRAWN
        return False


class Participant(BaseModel):
    """A member in a conversation, with how far they have read.

    A member who stops being a participant (left the organization...) keeps
    the row with `removed_at` set; they no longer see the conversation.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="conversations"
    )
    last_read_seq = models.PositiveIntegerField(_("read up to"), default=0)
    last_read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    digest_seq = models.PositiveIntegerField(
        _("e-mailed up to"),
        default=0,
        help_text=_("Messages up to this number were in an e-mail digest."),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        db_table = "missions_participant"
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="participant_once"
            )
        ]

    def __str__(self):
        return f"{self.member} in {self.conversation_id}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class Message(BaseModel):
    """One message. Edits and deletions keep the row and say so."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        """Written by a participant."""
        SYSTEM = "system", _("system")
        """Written by the platform when the mission changes state."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField(_("number"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT
    )
    author = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="messages",
        null=True,
        blank=True,
    )
    # chosen by the client: a retry with the same id stores nothing new
    client_id = models.UUIDField(null=True, blank=True)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    data = models.JSONField(default=dict, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        db_table = "missions_message"
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "seq"], name="message_seq_once"
            ),
            models.UniqueConstraint(
                fields=["conversation", "author", "client_id"],
                name="message_client_id_once",
                condition=Q(client_id__isnull=False),
            ),
            models.CheckConstraint(
                name="message_text_has_author",
                condition=Q(kind="system") | Q(author__isnull=False),
            ),
        ]

    def __str__(self):
        return f"#{self.seq} in {self.conversation_id}"

    @property
    def can_edit(self) -> bool:
        """Still inside the five minutes after sending, and not deleted."""
        age = (timezone.now() - self.created_at).total_seconds()
        return self.deleted_at is None and age <= EDIT_WINDOW_SECONDS

    @property
    def system_text(self) -> str:
        """A system message's sentence in the active language."""
        return system_text(self.data)


def _attachment_name(instance, filename: str) -> str:
    # a stored name says nothing about its owner or its original name
    return f"conversations/{uuid7().hex}"


class MessageAttachment(BaseModel):
    """A file sent with a message: checked and stored like mission files."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        upload_to=_attachment_name, storage=private_storage, max_length=200
    )
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta(BaseModel.Meta):
        db_table = "missions_messageattachment"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("missions:conversation_attachment", args=[self.pk])
