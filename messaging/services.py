"""Every write of conversations: open, sync participants, send, edit, delete, read.

Each function is one transaction. What other people must see (a new message,
an edit, a read receipt, a member removed) is sent to the conversation's
channel-layer group after commit (see `broadcast`): the database is the
record, the channel layer may drop a frame and clients recover it with `sync`.
A refusal is a `core.refusals.Refusal` with a stable code (the socket's error
frame, the API's error body and the page's message all come from it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import db_async
from core.refusals import Refusal
from marketplace.models import Member
from marketplace.selectors import member_for_user
from marketplace.services import audit_record
from missions import files as mission_files
from missions.models import Mission, Proposal
from missions.selectors import mission_participants, proposal_participants

from . import numbering
from .broadcast import broadcast, message_event
from .models import (
    EDIT_WINDOW_SECONDS,
    Conversation,
    Message,
    MessageAttachment,
    Participant,
    check_body,
)
from .selectors import shown_name


@dataclass(frozen=True)
class Sent:
    message: Message
    created: bool  # False: a retry of a message already stored


# --- opening and participants ----------


def _derived_members(conversation: Conversation) -> list[Member]:
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
        broadcast(
            conversation, {"type": "conversation.removed", "member": str(member_id)}
        )
    return [row for row in rows.values() if row.removed_at is None]


def conversations_sync_for_member(*, member: Member) -> int:
    """Re-derive the participants of every conversation touching `member`.

    Called when a member changes organization: they join their new
    colleagues' conversations and leave (and are disconnected from) the old ones.
    """
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
    a participant since the rows were derived (a new colleague) joins here; one
    who no longer is (moved without the marketplace telling) leaves here.
    """
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
    if participant is not None and not _takes_part(conversation, member):
        participants_sync(conversation=conversation)
        raise PermissionDenied
    if participant is None and member.pk in {
        m.pk for m in _derived_members(conversation)
    }:
        participants_sync(conversation=conversation)
        participant = _active_participant(conversation, member)
    if participant is None:
        raise PermissionDenied
    participant.member = member
    return conversation, participant


def _takes_part(conversation: Conversation, member: Member) -> bool:
    """`_derived_members` for one member, without a query (the rule of
    missions.selectors.proposal_participants / mission_participants)."""
    subject = conversation.subject
    if conversation.kind == Conversation.Kind.PROPOSAL:
        organization_id = subject.need.organization_id
    else:
        organization_id = subject.organization_id
    return member.pk == subject.expert_id or (
        member.is_company and member.organization_id == organization_id
    )


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
    try:
        client_id = uuid.UUID(str(client_id)) if client_id else uuid.uuid4()
    except ValueError:
        raise Refusal(
            _("client_id must be a UUID."), code="bad_client_id", status=400
        ) from None
    if body or not attachments:  # a file alone is a message
        check_body(body)
    for upload in attachments or ():
        try:
            mission_files.check(upload)
        except ValidationError as error:
            raise Refusal(
                " ".join(error.messages), code="attachment", status=400
            ) from error
    try:
        return _message_store(
            conversation=conversation,
            author=author,
            body=body,
            client_id=client_id,
            attachments=attachments or (),
        )
    except (IntegrityError, Refusal, PermissionDenied):
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


async def message_send_now(
    *, conversation: Conversation, author: Member, body: str, client_id: uuid.UUID
) -> tuple[Sent, dict] | None:
    """A socket's text message stored from the event loop: the hot path, no thread.

    PostgreSQL only: `numbering.numbered_statement`, the one statement that
    `message_send` runs there, on an async connection in autocommit (a
    transaction of its own), and the event to send to the conversation's
    sockets. `body` has passed `check_body`, and the author's name in the
    conversation is known (`selectors.shown_name`, asked when the socket
    opened): nothing here reads the database but the statement. None when the message was not
    stored: where the database is not PostgreSQL, and for a retry of a stored
    client_id, a closed conversation or a removed participant, for which
    `message_send` returns the stored message or refuses, with its reasons.
    """
    if not db_async.available():
        return None
    now = timezone.now()
    message = _new_text(conversation, author, body, client_id, now)
    # strict: in autocommit, a refusal must fail the statement to undo its numbering
    sql, params = numbering.numbered_statement(message, now, strict=True)
    try:
        row = await db_async.fetchone(sql, params)
    except (IntegrityError, DataError):  # a retried client_id; nothing inserted
        return None
    if not numbering.numbered(message, row, "default"):
        return None
    return Sent(message=message, created=True), message_event(message, [], conversation)


def _new_text(conversation, author, body, client_id, now) -> Message:
    """A member's text message, not stored yet."""
    return Message(
        conversation_id=conversation.pk,
        author=author,
        client_id=client_id,
        body=body,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def _message_store(*, conversation, author, body, client_id, attachments) -> Sent:
    # one statement on PostgreSQL's hot path (three elsewhere). A retry's INSERT
    # breaks the unique constraint: the transaction (and its number) rolls back
    # and message_send returns the stored message
    now = timezone.now()
    message = _new_text(conversation, author, body, client_id, now)
    if connection.vendor == "postgresql":
        numbering.insert_numbered(message, now)
    else:
        message.seq = numbering.next_seq(conversation.pk, now, author=author)
        message.save(force_insert=True)
    stored = [
        _attachment_store(message=message, upload=upload) for upload in attachments
    ]
    message.author = author
    broadcast(conversation, message_event(message, stored, conversation))
    return Sent(message=message, created=True)


def _attachment_store(*, message: Message, upload) -> MessageAttachment:
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
        raise Refusal(
            _("A message can be edited only in the five minutes after sending it."),
            code="edit_window",
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
    broadcast(message.conversation, message_event(message))
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
    broadcast(message.conversation, message_event(message))
    return message


def _check_own_live_message(message: Message, by: Member) -> None:
    if message.author_id != by.pk or message.kind != Message.Kind.TEXT:
        raise PermissionDenied(_("Only its author can change a message."))
    if message.deleted_at is not None:
        raise Refusal(_("This message was deleted."), code="deleted")
    _participant(message.conversation, by)


@transaction.atomic
def message_post_system(
    *, conversation: Conversation, event: str, data: dict
) -> Message:
    """A line written by the platform (a mission changed state), in every language."""
    now = timezone.now()
    message = Message(
        conversation_id=conversation.pk,
        seq=numbering.next_seq(conversation.pk, now),
        kind=Message.Kind.SYSTEM,
        body="",
        data={"event": event, **data},
        created_at=now,
    )
    message.save(force_insert=True)
    broadcast(conversation, message_event(message, [], conversation))
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
    # the conversation's number now: a socket's copy was loaded when it opened,
    # and capping by it froze every receipt of a conversation that had history
    last_seq = (
        Conversation.objects.filter(pk=conversation.pk)
        .values_list("last_seq", flat=True)
        .first()
    )
    up_to_seq = min(int(up_to_seq), last_seq or 0)
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
    broadcast(
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
