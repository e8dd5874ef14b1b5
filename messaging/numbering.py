"""Numbering messages: each conversation counts its messages (`seq`).

A member's message takes the next number only if the conversation still takes
messages (not a withdrawn proposal's) and the author is an active participant,
whose read position moves to their own message. On PostgreSQL the numbering,
the read position and the INSERT are one statement: the socket's hot path
waits on the database, not on Python.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.models import Member
from missions.models import Proposal

from .models import Conversation, Message, Participant


def numbered_statement(message: Message, now, *, strict=False) -> tuple[str, dict]:
    """The one statement that numbers, moves the read position and inserts.

    Its row: (the conversation's new last number or None, how many read
    positions moved, the inserted number or None); see `numbered`. Its parts
    run whatever the others find, so a refusal must roll the whole back: the
    caller's transaction does, or, `strict`, the statement itself fails (a
    division by the number of rows inserted) when it inserted nothing, for a
    caller in autocommit.
    """
    table, participants = Conversation._meta.db_table, Participant._meta.db_table
    proposals, messages = Proposal._meta.db_table, Message._meta.db_table
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
    if strict:
        sql += ", 1 / (SELECT count(*) FROM m)"
    params = {
        "now": now,
        "c": message.conversation_id,
        "a": message.author_id,
        "id": message.pk,
        "kind": Message.Kind.TEXT.value,
        "client": message.client_id,
        "body": message.body,
        "withdrawn": Proposal.State.WITHDRAWN.value,
    }
    return sql, params


def numbered(message: Message, row, alias: str) -> bool:
    """Whether the statement stored `message` (then it has its number)."""
    seq, moved, inserted = row[:3]
    if seq is None or not moved or inserted is None:
        return False
    message.seq = seq
    message._state.adding, message._state.db = False, alias
    return True


def insert_numbered(message: Message, now) -> None:
    """PostgreSQL: number, move the author's read position and insert, in one statement.

    The same rules as `next_seq` (read-only, active participant), as one
    round trip: the socket's hot path waits on the database, not on Python.
    """
    sql, params = numbered_statement(message, now)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if numbered(message, row, connection.alias):
        return
    if row[0] is None:
        _refuse(message.conversation_id)
    raise PermissionDenied(_("You are not a participant of this conversation."))


def _refuse(conversation_id):
    if Conversation.objects.filter(pk=conversation_id).exists():
        raise Refusal(
            _("This conversation is closed: the proposal was withdrawn."),
            code="read_only",
            status=400,
        )
    raise Conversation.DoesNotExist


def next_seq(conversation_id, now, *, author: Member | None = None) -> int:
    """Number the next message: one UPDATE ... RETURNING, which also locks the row.

    With an `author` (a member's message, not the platform's): a withdrawn
    proposal's conversation takes nothing (the UPDATE finds no row), and the
    author must be an active participant, whose read position moves to their
    own message. (PostgreSQL does all of it in `insert_numbered`.)
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
        _refuse(conversation_id)
    seq = row[0]
    if author is not None and not Participant.objects.filter(
        conversation_id=conversation_id, member=author, removed_at__isnull=True
    ).update(last_read_seq=seq, last_read_at=now, last_seen_at=now):
        raise PermissionDenied(_("You are not a participant of this conversation."))
    return seq
