"""Every write of conversations: open, sync participants, send, edit, delete, read.

Each function is one transaction. What other people must see (a new message,
an edit, a read receipt, a member removed) is sent to the conversation's
channel-layer group after commit: the database is the record, the channel
layer may drop a frame and clients recover it with `sync`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace import notifications
from marketplace.models import Member
from marketplace.services import audit_record

from .models import Mission, Proposal
from .models.conversations import (
    EDIT_WINDOW_SECONDS,
    MESSAGE_MAX_LENGTH,
    Conversation,
    Message,
    MessageAttachment,
    Participant,
)

log = logging.getLogger(__name__)

notifications.register(
    "messages.digest",
    gettext_lazy("Unread messages (a digest when you are away)"),
)


class ConversationError(Exception):
    """A refusal with a stable code, shown to the client as an error frame."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class Sent:
    message: Message
    created: bool  # False: a retry of a message already stored


# --- opening and participants ----------


def _derived_members(conversation: Conversation) -> list[Member]:
    from .selectors import mission_participants, proposal_participants

    if conversation.kind == Conversation.Kind.PROPOSAL:
        return proposal_participants(conversation.proposal)
    return mission_participants(conversation.mission)


@transaction.atomic
def conversation_for_proposal(*, proposal: Proposal) -> Conversation:
    """The proposal's conversation, opened the first time someone needs it.

    A proposal exists only once the expert answered (or was invited and
    answered): an expert can never open a thread with a company out of nothing.
    """
    conversation, created = Conversation.objects.get_or_create(
        proposal=proposal, defaults={"kind": Conversation.Kind.PROPOSAL}
    )
    if created:
        participants_sync(conversation=conversation)
    return conversation


@transaction.atomic
def conversation_for_mission(*, mission: Mission) -> Conversation:
    conversation, created = Conversation.objects.get_or_create(
        mission=mission, defaults={"kind": Conversation.Kind.MISSION}
    )
    if created:
        participants_sync(conversation=conversation)
    return conversation


@transaction.atomic
def participants_sync(*, conversation: Conversation) -> list[Participant]:
    """Make the participant rows match the proposal or mission; return the active ones.

    Members who are no longer derived participants are marked removed and their
    open sockets are closed after commit.
    """
    wanted = {member.pk: member for member in _derived_members(conversation)}
    rows = {row.member_id: row for row in conversation.participants.all()}
    now = timezone.now()
    removed = []
    for member_id, row in rows.items():
        if member_id in wanted and row.removed_at is not None:
            row.removed_at = None
            row.save(update_fields=["removed_at", "updated_at"])
        elif member_id not in wanted and row.removed_at is None:
            row.removed_at = now
            row.save(update_fields=["removed_at", "updated_at"])
            removed.append(member_id)
    for member_id, member in wanted.items():
        if member_id not in rows:
            rows[member_id] = Participant.objects.create(
                conversation=conversation,
                member=member,
                last_read_seq=conversation.last_seq,
            )
    for member_id in removed:
        _broadcast(
            conversation, {"type": "conversation.removed", "member": str(member_id)}
        )
    return [row for row in rows.values() if row.removed_at is None]


def conversations_sync_for_member(*, member: Member) -> int:
    """Re-derive the participants of every conversation touching `member`.

    Called when a member changes organization: they join their new
    colleagues' conversations and leave (and are disconnected from) the old ones.
    """
    from django.db.models import Q

    query = Q(participants__member=member)
    if member.organization_id:
        query |= Q(proposal__need__organization_id=member.organization_id) | Q(
            mission__organization_id=member.organization_id
        )
    conversations = (
        Conversation.objects.filter(query)
        .select_related("proposal__need", "mission")
        .distinct()
    )
    count = 0
    for conversation in conversations:
        participants_sync(conversation=conversation)
        count += 1
    return count


def access_conversation(*, user, conversation_id) -> tuple[Conversation, Participant]:
    """The conversation and the user's participant row, or a refusal.

    Raises Http404 when there is no such conversation and PermissionDenied when
    the user is not (or no longer) one of its participants. A member who became
    a participant since the rows were derived (a new colleague) joins here.
    """
    from django.http import Http404

    from marketplace.selectors import member_for_user

    conversation = (
        Conversation.objects.select_related("proposal__need", "mission")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        raise Http404
    member = member_for_user(user)
    if member is None:
        raise PermissionDenied
    participant = _active_participant(conversation, member)
    if participant is None and member.pk in {
        m.pk for m in _derived_members(conversation)
    }:
        participants_sync(conversation=conversation)
        participant = _active_participant(conversation, member)
    if participant is None:
        raise PermissionDenied
    participant.member = member
    return conversation, participant


def _active_participant(conversation, member) -> Participant | None:
    return Participant.objects.filter(
        conversation=conversation, member=member, removed_at__isnull=True
    ).first()


# --- messages ----------


def _participant(conversation: Conversation, member: Member) -> Participant:
    row = Participant.objects.filter(
        conversation=conversation, member=member, removed_at__isnull=True
    ).first()
    if row is None:
        raise PermissionDenied(_("You are not a participant of this conversation."))
    return row


def check_body(body: str) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ConversationError("empty", _("A message cannot be empty."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ConversationError(
            "too_long",
            _("A message has at most %(max)s characters.")
            % {"max": MESSAGE_MAX_LENGTH},
        )
    return body


def message_send(
    *,
    conversation: Conversation,
    author: Member,
    body: str,
    client_id: uuid.UUID | str | None = None,
    attachments: list | None = None,
) -> Sent:
    """Store a message once per (author, client_id), then broadcast it after commit.

    A second call with the same client_id returns the stored message
    (`created=False`) and changes nothing: clients retry without fear.
    """
    client_id = uuid.UUID(str(client_id)) if client_id else uuid.uuid4()
    if body or not attachments:  # a file alone is a message
        check_body(body)
    from . import files as mission_files

    for upload in attachments or ():
        try:
            mission_files.check(upload)
        except ValidationError as error:
            raise ConversationError("attachment", " ".join(error.messages)) from error
    try:
        return _message_store(
            conversation=conversation,
            author=author,
            body=body,
            client_id=client_id,
            attachments=attachments or (),
        )
    except (IntegrityError, ConversationError, PermissionDenied):
        # a retry: the constraint kept the first one (the conversation may have
        # closed since, the stored message still stands): return it
        message = (
            Message.objects.select_related("author")
            .filter(conversation_id=conversation.pk, author=author, client_id=client_id)
            .first()
        )
        if message is None:
            raise
        return Sent(message=message, created=False)


@transaction.atomic
def _message_store(*, conversation, author, body, client_id, attachments) -> Sent:
    # one statement on PostgreSQL's hot path (three elsewhere). A retry's INSERT
    # breaks the unique constraint: the transaction (and its number) rolls back
    # and message_send returns the stored message
    now = timezone.now()
    message = Message(
        conversation_id=conversation.pk,
        author=author,
        client_id=client_id,
        body=body,
        created_at=now,
        updated_at=now,
    )
    if connection.vendor == "postgresql":
        _message_insert_numbered(message, now)
    else:
        message.seq = _next_seq(conversation.pk, now, author=author)
        message.save(force_insert=True)
    stored = [
        _attachment_store(message=message, upload=upload) for upload in attachments
    ]
    message.author = author
    _broadcast(conversation, message_event(message, stored, conversation))
    return Sent(message=message, created=True)


def _message_insert_numbered(message: Message, now) -> None:
    """PostgreSQL: number, move the author's read position and insert, in one statement.

    The same rules as `_next_seq` (read-only, active participant), as one
    round trip: the socket's hot path waits on the database, not on Python.
    """
    table, participants = Conversation._meta.db_table, Participant._meta.db_table
    proposals, messages = Proposal._meta.db_table, Message._meta.db_table
    key = message.conversation_id
    sql = (
        f"WITH c AS (UPDATE {table} SET last_seq = last_seq + 1, "  # noqa: S608
        "last_message_at = %(now)s, updated_at = %(now)s WHERE id = %(c)s "
        f"AND NOT EXISTS (SELECT 1 FROM {proposals} WHERE {proposals}.id = "
        f"{table}.proposal_id AND {proposals}.state = %(withdrawn)s) RETURNING last_seq), "
        f"p AS (UPDATE {participants} SET last_read_seq = (SELECT last_seq FROM c), "
        "last_read_at = %(now)s, last_seen_at = %(now)s, updated_at = %(now)s "
        "WHERE conversation_id = %(c)s AND member_id = %(a)s AND removed_at IS NULL "
        "AND EXISTS (SELECT 1 FROM c) RETURNING 1), "
        f"m AS (INSERT INTO {messages} (id, created_at, updated_at, seq, kind, "
        "client_id, body, data, author_id, conversation_id) SELECT %(id)s, %(now)s, "
        "%(now)s, c.last_seq, %(kind)s, %(client)s, %(body)s, '{}'::jsonb, %(a)s, "
        "%(c)s FROM c WHERE EXISTS (SELECT 1 FROM p) RETURNING seq) "
        "SELECT (SELECT last_seq FROM c), (SELECT count(*) FROM p), (SELECT seq FROM m)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "now": now,
                "c": key,
                "a": message.author_id,
                "id": message.pk,
                "kind": Message.Kind.TEXT.value,
                "client": message.client_id,
                "body": message.body,
                "withdrawn": Proposal.State.WITHDRAWN.value,
            },
        )
        seq, moved, inserted = cursor.fetchone()
    if seq is None:
        _refuse_numbering(key)
    if not moved or inserted is None:
        raise PermissionDenied(_("You are not a participant of this conversation."))
    message.seq = seq
    message._state.adding, message._state.db = False, connection.alias


def _refuse_numbering(conversation_id):
    if Conversation.objects.filter(pk=conversation_id).exists():
        raise ConversationError(
            "read_only", _("This conversation is closed: the proposal was withdrawn.")
        )
    raise Conversation.DoesNotExist


def _next_seq(conversation_id, now, *, author: Member | None = None) -> int:
    """Number the next message: one UPDATE ... RETURNING, which also locks the row.

    With an `author` (a member's message, not the platform's): a withdrawn
    proposal's conversation takes nothing (the UPDATE finds no row), and the
    author must be an active participant, whose read position moves to their
    own message. (PostgreSQL does all of it in `_message_insert_numbered`.)
    """
    table, proposals = Conversation._meta.db_table, Proposal._meta.db_table
    key = Conversation._meta.pk.get_db_prep_value(conversation_id, connection)
    withdrawn = Proposal.State.WITHDRAWN.value if author else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_seq = last_seq + 1, last_message_at = %s, "  # noqa: S608
            f"updated_at = %s WHERE id = %s AND NOT EXISTS (SELECT 1 FROM {proposals} "
            f"WHERE {proposals}.id = {table}.proposal_id AND {proposals}.state = %s) "
            "RETURNING last_seq",
            [now, now, key, withdrawn],
        )
        row = cursor.fetchone()
    if row is None:
        _refuse_numbering(conversation_id)
    seq = row[0]
    if author is not None and not Participant.objects.filter(
        conversation_id=conversation_id, member=author, removed_at__isnull=True
    ).update(last_read_seq=seq, last_read_at=now, last_seen_at=now):
        raise PermissionDenied(_("You are not a participant of this conversation."))
    return seq


def _attachment_store(*, message: Message, upload) -> MessageAttachment:
    from . import files as mission_files

    content_type = mission_files.check(upload)
    row = MessageAttachment(
        message=message,
        name=upload.name[:200],
        size=upload.size,
        content_type=content_type,
    )
    row.file.save(upload.name, upload, save=False)
    row.save()
    return row


def _message_locked(message_id) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("author", "conversation")
        .get(pk=message_id)
    )


@transaction.atomic
def message_edit(*, message: Message, by: Member, body: str) -> Message:
    """Change a message's text within five minutes of sending it; it shows "edited"."""
    message = _message_locked(message.pk)
    _check_own_live_message(message, by)
    if timezone.now() - message.created_at > dt.timedelta(seconds=EDIT_WINDOW_SECONDS):
        raise ConversationError(
            "edit_window",
            _("A message can be edited only in the five minutes after sending it."),
        )
    check_body(body)
    audit_record(
        actor=by.user,
        action="message.edited",
        target=message,
        data={"previous": message.body},
    )
    message.body = body
    message.edited_at = timezone.now()
    message.full_clean(exclude=["conversation", "author"])
    message.save(update_fields=["body", "edited_at", "updated_at"])
    _broadcast(message.conversation, message_event(message))
    return message


@transaction.atomic
def message_delete(*, message: Message, by: Member) -> Message:
    """Remove a message's text and files; the message stays as "deleted"."""
    message = _message_locked(message.pk)
    _check_own_live_message(message, by)
    audit_record(actor=by.user, action="message.deleted", target=message)
    message.body = ""
    message.deleted_at = timezone.now()
    message.save(update_fields=["body", "deleted_at", "updated_at"])
    for attachment in message.attachments.all():
        attachment.file.delete(save=False)
    message.attachments.all().delete()
    _broadcast(message.conversation, message_event(message))
    return message


def _check_own_live_message(message: Message, by: Member) -> None:
    if message.author_id != by.pk or message.kind != Message.Kind.TEXT:
        raise PermissionDenied(_("Only its author can change a message."))
    if message.deleted_at is not None:
        raise ConversationError("deleted", _("This message was deleted."))
    _participant(message.conversation, by)


@transaction.atomic
def message_post_system(
    *, conversation: Conversation, event: str, data: dict
) -> Message:
    """A line written by the platform (a mission changed state), in every language."""
    now = timezone.now()
    message = Message(
        conversation_id=conversation.pk,
        seq=_next_seq(conversation.pk, now),
        kind=Message.Kind.SYSTEM,
        body="",
        data={"event": event, **data},
        created_at=now,
    )
    message.save(force_insert=True)
    _broadcast(conversation, message_event(message, [], conversation))
    return message


# --- reading ----------


@transaction.atomic
def conversation_mark_read(
    *, conversation: Conversation, member: Member, up_to_seq: int
):
    """Move the member's read position forward (never back) and tell the others."""
    participant = (
        Participant.objects.select_for_update()
        .filter(conversation=conversation, member=member, removed_at__isnull=True)
        .first()
    )
    if participant is None:
        raise PermissionDenied(_("You are not a participant of this conversation."))
    up_to_seq = min(int(up_to_seq), conversation.last_seq or up_to_seq)
    now = timezone.now()
    participant.last_seen_at = now
    if up_to_seq <= participant.last_read_seq:
        participant.save(update_fields=["last_seen_at", "updated_at"])
        return participant
    participant.last_read_seq = up_to_seq
    participant.last_read_at = now
    participant.save(
        update_fields=["last_read_seq", "last_read_at", "last_seen_at", "updated_at"]
    )
    message_id = (
        Message.objects.filter(conversation=conversation, seq=up_to_seq)
        .values_list("pk", flat=True)
        .first()
    )
    _broadcast(
        conversation,
        {
            "type": "conversation.read",
            "member": {"id": str(member.pk), "name": shown_name(conversation, member)},
            "up_to": str(message_id) if message_id else None,
            "seq": up_to_seq,
        },
    )
    return participant


def participant_seen(*, conversation: Conversation, member: Member) -> None:
    """The member is here now (socket opened or closed, page viewed): no digest yet."""
    Participant.objects.filter(conversation=conversation, member=member).update(
        last_seen_at=timezone.now()
    )


# --- broadcasting ----------


def shown_name(conversation: Conversation, member: Member) -> str:
    """A participant's name in this conversation.

    A pseudonymous expert appears under their alias until they reveal their
    identity to the company (see missions.matching.aliases); remembered on the
    conversation object, so a socket asks once.
    """
    if not member.is_expert:
        return member.display_name
    names = conversation.__dict__.setdefault("_shown_names", {})
    if member.pk not in names:
        from .matching import aliases

        if conversation.kind == Conversation.Kind.PROPOSAL:
            organization_id = conversation.proposal.need.organization_id
        else:
            organization_id = conversation.mission.organization_id
        hidden = aliases([member.pk], organization_id)
        names[member.pk] = hidden.get(member.pk) or member.display_name
    return names[member.pk]


def message_event(
    message: Message,
    attachments: list | None = None,
    conversation: Conversation | None = None,
) -> dict:
    """The channel-layer event of a stored message (see consumers.message_frame)."""
    author = message.author
    conversation = conversation or message.conversation
    if attachments is None:
        attachments = [] if message.deleted_at else list(message.attachments.all())
    return {
        "type": "conversation.message",
        "message": {
            "id": str(message.pk),
            "seq": message.seq,
            "client_id": str(message.client_id) if message.client_id else None,
            "kind": str(message.kind),
            "author": {"id": str(author.pk), "name": shown_name(conversation, author)}
            if author
            else None,
            "body": message.body,
            "data": message.data,
            "created": message.created_at.isoformat(),
            "edited": message.edited_at is not None,
            "deleted": message.deleted_at is not None,
            "attachments": [
                {
                    "id": str(item.pk),
                    "name": item.name,
                    "size": item.size,
                    "url": item.get_absolute_url(),
                }
                for item in attachments
            ],
        },
    }


def _broadcast(conversation: Conversation, event: dict) -> None:
    _broadcast_to(conversation.group_name, event)


def _broadcast_to(group: str, event: dict) -> None:
    transaction.on_commit(lambda: _send_or_collect(group, event))


_deferred = threading.local()


@contextmanager
def broadcasts_deferred():
    """Collect this thread's after-commit broadcasts instead of sending them.

    The consumer runs services in a worker thread; sending from there would
    block the thread on the event loop. It collects them here and sends them
    itself, still after commit.
    """
    _deferred.events = events = []
    try:
        yield events
    finally:
        _deferred.events = None


def _send_or_collect(group: str, event: dict) -> None:
    events = getattr(_deferred, "events", None)
    if events is not None:
        events.append((group, event))
    else:
        group_send(group, event)


def group_send(group: str, event: dict) -> None:
    """Send to a group from sync code; a lost frame is recovered by `sync`."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # the row is stored; clients catch up with `sync`
        log.exception("group_send to %s failed", group)
