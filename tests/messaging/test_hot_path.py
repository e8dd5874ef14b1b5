"""The socket's hot path: a text message stored from the event loop (PostgreSQL).

`services.message_send_now` runs the one numbering statement on an async
connection; it must store exactly what `message_send` stores, and step aside
(None) wherever `message_send` has something to say: a retried client_id, a
closed conversation, a removed participant, a database that is not PostgreSQL.
"""

import uuid

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.utils import timezone

from core import db_async
from messaging import services
from messaging.models import Conversation, Message, Participant
from messaging.selectors import shown_name
from missions import services as mission_services
from tests.conftest import on_postgres
from tests.messaging.conversation_factories import proposal_conversation

pytestmark = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the hot path is PostgreSQL's (elsewhere every message takes the ORM path)",
)


def send_now(conversation, author, body="Bonjour", client_id=None):
    # as the socket does when it opens: the author's name in this conversation
    shown_name(conversation, author)
    client_id = client_id or uuid.uuid4()
    return async_to_sync(services.message_send_now)(
        conversation=conversation, author=author, body=body, client_id=client_id
    )


@postgres_only
def test_hot_path_stores_numbers_and_moves_the_read_position():
    conversation, _company, expert = proposal_conversation()
    before = Conversation.objects.get(pk=conversation.pk).last_seq
    client_id = uuid.uuid4()

    sent, event = send_now(conversation, expert, "Voici mon devis.", client_id)

    stored = Message.objects.get(pk=sent.message.pk)
    assert sent.created and stored.seq == sent.message.seq == before + 1
    assert (stored.body, stored.author_id, stored.client_id) == (
        "Voici mon devis.",
        expert.pk,
        client_id,
    )
    assert stored.kind == Message.Kind.TEXT and stored.data == {}
    assert Conversation.objects.get(pk=conversation.pk).last_seq == before + 1
    position = Participant.objects.get(conversation=conversation, member=expert)
    assert position.last_read_seq == before + 1
    # the event is the one the ORM path broadcasts for the same row
    assert event == services.message_event(stored, [], conversation)


@postgres_only
def test_hot_path_steps_aside_for_a_retry_and_the_full_path_returns_the_first():
    conversation, company, _expert = proposal_conversation()
    client_id = uuid.uuid4()
    first, _event = send_now(conversation, company, "Une fois", client_id)

    assert send_now(conversation, company, "Une fois", client_id) is None
    again = services.message_send(
        conversation=conversation, author=company, body="Une fois", client_id=client_id
    )
    assert not again.created and again.message.pk == first.message.pk
    assert Message.objects.filter(client_id=client_id).count() == 1
    # the refused INSERT rolled its numbering back: the next message follows on
    nxt, _event = send_now(conversation, company, "Deux")
    assert nxt.message.seq == first.message.seq + 1


@postgres_only
def test_hot_path_stores_nothing_for_a_removed_participant_or_a_closed_conversation():
    conversation, company, expert = proposal_conversation()
    count = Message.objects.filter(conversation=conversation).count()
    Participant.objects.filter(conversation=conversation, member=company).update(
        removed_at=timezone.now()
    )
    assert send_now(conversation, company) is None
    assert Message.objects.filter(conversation=conversation).count() == count
    assert Conversation.objects.get(pk=conversation.pk).last_seq == count

    mission_services.proposal_withdraw(proposal=conversation.proposal, by=expert.user)
    count = Message.objects.filter(conversation=conversation).count()
    assert send_now(conversation, expert) is None
    assert Message.objects.filter(conversation=conversation).count() == count


def test_hot_path_is_postgresql_only():
    conversation, _company, expert = proposal_conversation()
    if on_postgres():
        assert send_now(conversation, expert) is not None
    else:
        assert not db_async.available()
        assert send_now(conversation, expert) is None
        assert not Message.objects.filter(kind=Message.Kind.TEXT).exists()


@postgres_only
def test_connections_of_an_ended_loop_are_closed():
    conversation, _company, expert = proposal_conversation()
    send_now(conversation, expert)  # its loop has ended with the call
    assert db_async.close_stale() >= 1
    assert db_async.close_stale() == 0
