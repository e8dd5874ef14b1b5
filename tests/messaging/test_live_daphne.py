"""The conversation socket on real daphne processes, with a real WebSocket client.

One process: works with either channel layer. Two processes: a message sent
through one reaches a participant connected to the other, which needs the
Redis layer (an in-memory layer lives inside one process).
"""

import json
import os
import uuid

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.factories import ExpertFactory
from tests.messaging.conversation_factories import proposal_conversation, session_cookie
from tests.servers import DaphneServer

pytestmark = pytest.mark.django_db(transaction=True)

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="two daphne processes share a channel layer only through Redis (REDIS_URL)",
)


def socket(server, conversation_id, user):
    return connect(
        f"ws://127.0.0.1:{server.port}/ws/conversations/{conversation_id}/",
        origin=server.url,
        additional_headers={"Cookie": session_cookie(user)},
        open_timeout=10,
    )


def frame_of(ws, kind, timeout=5):
    while True:
        frame = json.loads(ws.recv(timeout=timeout))
        if frame["type"] == kind:
            return frame


@pytest.fixture
def servers():
    started = []

    def start():
        started.append(DaphneServer())
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_message_goes_through_a_real_daphne_process(servers):
    conversation, company, expert = proposal_conversation()
    server = servers()
    with (
        socket(server, conversation.pk, company.user) as alice,
        socket(server, conversation.pk, expert.user) as bob,
    ):
        client_id = str(uuid.uuid4())
        alice.send(
            json.dumps({"type": "send", "client_id": client_id, "body": "Salut"})
        )
        ack = frame_of(alice, "ack")
        message = frame_of(bob, "message")
        assert message["id"] == ack["id"] and message["body"] == "Salut"
        alice.send(
            json.dumps({"type": "send", "client_id": client_id, "body": "Salut"})
        )
        assert frame_of(alice, "ack")["id"] == ack["id"]
        alice.send("{oops")
        assert frame_of(alice, "error")["code"] == "not_json"


def test_outsider_is_closed_with_4403_by_a_real_process(servers):
    conversation, _, _ = proposal_conversation()
    server = servers()
    ws = socket(server, conversation.pk, ExpertFactory().user)
    with ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=5)
    assert closed.value.rcvd.code == 4403


def test_socket_without_origin_is_refused_by_a_real_process(servers):
    from websockets.exceptions import InvalidStatus

    conversation, company, _ = proposal_conversation()
    server = servers()
    with pytest.raises(InvalidStatus):
        connect(
            f"ws://127.0.0.1:{server.port}/ws/conversations/{conversation.pk}/",
            additional_headers={"Cookie": session_cookie(company.user)},
            open_timeout=10,
        )


@needs_redis
def test_message_crosses_from_one_process_to_another(servers):
    conversation, company, expert = proposal_conversation()
    first, second = servers(), servers()
    with (
        socket(first, conversation.pk, company.user) as alice,
        socket(second, conversation.pk, expert.user) as bob,
    ):
        alice.send(
            json.dumps({"type": "send", "client_id": str(uuid.uuid4()), "body": "A→B"})
        )
        assert frame_of(bob, "message")["body"] == "A→B"
        bob.send(json.dumps({"type": "typing"}))
        assert frame_of(alice, "typing")["member"]["id"] == str(expert.pk)
