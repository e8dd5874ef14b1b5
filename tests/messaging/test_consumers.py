"""The conversation WebSocket through the real ASGI stack (origin check, session auth).

channels.testing.WebsocketCommunicator drives config.asgi.application with
the channel layer of the run (in-memory on SQLite, Redis with REDIS_URL).
"""

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from config.asgi import application
from messaging import services
from messaging.models import Message
from tests.factories import CompanyMemberFactory, ExpertFactory
from tests.messaging.conversation_factories import (
    move_to,
    proposal_conversation,
    session_cookie,
)

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = b"http://127.0.0.1"


def communicator(conversation_id, user=None, origin=ORIGIN):
    """Build outside the event loop: signing in writes a session row."""
    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        headers.append((b"cookie", session_cookie(user).encode()))
    return WebsocketCommunicator(
        application, f"/ws/conversations/{conversation_id}/", headers=headers
    )


async def receive(comm, kind=None, timeout=3):
    """The next frame (of `kind`, skipping others)."""
    while True:
        frame = json.loads(await comm.receive_from(timeout=timeout))
        if kind is None or frame["type"] == kind:
            return frame


async def close_code(comm):
    connected, _ = await comm.connect()
    assert connected  # accepted first, so that the close code reaches the client
    output = await comm.receive_output(timeout=3)
    assert output["type"] == "websocket.close"
    return output["code"]


def run(coroutine_function, *args):
    """Run a scenario on a loop of its own, in a thread of its own.

    Tasks the scenario leaves behind (an application instance still closing)
    are finished before the scenario returns: once it has returned, AsyncToSync
    stops serving thread-sensitive calls, and a task cancelled at loop shutdown
    that still needs one would wait forever.
    """

    async def scenario(*scenario_args):
        try:
            return await coroutine_function(*scenario_args)
        finally:
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            if others:
                _done, pending = await asyncio.wait(others, timeout=5)
                for task in pending:
                    task.cancel()
                if pending:
                    await asyncio.wait(pending, timeout=5)

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(async_to_sync(scenario), *args).result()


@pytest.fixture
def chat():
    conversation, company, expert = proposal_conversation()
    return conversation, company, expert


def test_anonymous_socket_is_closed_with_4401(chat):
    conversation, _, _ = chat
    assert run(close_code, communicator(conversation.pk)) == 4401


def test_outsider_is_closed_with_4403(chat):
    conversation, _, _ = chat
    outsider = ExpertFactory()
    assert run(close_code, communicator(conversation.pk, outsider.user)) == 4403


def test_unknown_conversation_is_closed_with_4404(chat):
    _, company, _ = chat
    assert run(close_code, communicator(uuid.uuid4(), company.user)) == 4404


def test_socket_without_allowed_origin_is_refused(chat):
    conversation, company, _ = chat

    comms = [
        communicator(conversation.pk, company.user, origin=origin)
        for origin in (None, b"https://evil.example")
    ]

    async def scenario():
        for comm in comms:
            connected, _ = await comm.connect()
            assert not connected

    run(scenario)


def test_message_is_acknowledged_and_reaches_the_other_participant(chat):
    conversation, company, expert = chat
    client_id = str(uuid.uuid4())

    alice = communicator(conversation.pk, company.user)
    bob = communicator(conversation.pk, expert.user)

    async def scenario():
        assert (await alice.connect())[0] and (await bob.connect())[0]
        await alice.send_json_to(
            {"type": "send", "client_id": client_id, "body": "<b>Bonjour</b>"}
        )
        ack = await receive(alice, "ack")
        frame = await receive(bob, "message")
        assert ack["client_id"] == client_id and ack["id"] == frame["id"]
        assert frame["body"] == "<b>Bonjour</b>"  # stored as written; pages escape it
        assert frame["author"]["name"] == company.display_name
        assert frame["edited"] is False and frame["created"]
        # a retry after a lost connection: the same message, nothing new stored
        await alice.send_json_to(
            {"type": "send", "client_id": client_id, "body": "<b>Bonjour</b>"}
        )
        again = await receive(alice, "ack")
        assert again["id"] == ack["id"]
        await alice.disconnect()
        await bob.disconnect()

    run(scenario)
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_bad_frames_get_an_error_and_change_nothing(chat, settings):
    conversation, company, _ = chat
    settings.MESSAGING_RATE_LIMIT = "2/60"

    comm = communicator(conversation.pk, company.user)

    async def scenario():
        await comm.connect()
        await comm.send_to(text_data="not json")
        assert (await receive(comm))["code"] == "not_json"
        await comm.send_json_to({"type": "shout"})
        assert (await receive(comm))["code"] == "unknown_type"
        await comm.send_json_to(["send"])
        assert (await receive(comm))["code"] == "bad_frame"
        await comm.send_to(bytes_data=b"\x00\x01")
        assert (await receive(comm))["code"] == "bad_frame"
        await comm.send_json_to({"type": "send", "client_id": "nope", "body": "x"})
        assert (await receive(comm))["code"] == "bad_client_id"
        too_long = {"type": "send", "client_id": str(uuid.uuid4()), "body": "x" * 5001}
        await comm.send_json_to(too_long)
        error = await receive(comm)
        assert (
            error["code"] == "too_long" and error["client_id"] == too_long["client_id"]
        )
        await comm.send_to(text_data="x" * 20_000)
        assert (await receive(comm))["code"] == "too_large"
        await comm.send_json_to({"type": "sync", "after": str(uuid.uuid4())})
        assert (await receive(comm))["code"] == "unknown_message"
        # flood: two messages pass, the third is refused
        for _ in range(2):
            await comm.send_json_to(
                {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"}
            )
            await receive(comm, "ack")
        await comm.send_json_to(
            {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"}
        )
        assert (await receive(comm, "error"))["code"] == "rate_limited"
        await comm.disconnect()

    run(scenario)
    assert Message.objects.filter(conversation=conversation).count() == 2


def test_sync_returns_every_message_after_the_given_one_in_order(chat):
    conversation, company, expert = chat
    sent = [
        services.message_send(
            conversation=conversation, author=company, body=str(n)
        ).message
        for n in range(5)
    ]

    comm = communicator(conversation.pk, expert.user)

    async def scenario():
        await comm.connect()
        await comm.send_json_to({"type": "sync", "after": str(sent[1].pk)})
        frames = []
        while (frame := await receive(comm))["type"] != "synced":
            if frame["type"] == "message":
                frames.append(frame)
        assert [f["body"] for f in frames] == ["2", "3", "4"]
        assert frame["last"] == str(sent[-1].pk)
        await comm.send_json_to({"type": "sync", "after": None})
        everything = []
        while (frame := await receive(comm))["type"] != "synced":
            if frame["type"] == "message":
                everything.append(frame["seq"])
        assert everything == [1, 2, 3, 4, 5]
        await comm.disconnect()

    run(scenario)


def test_read_receipt_and_typing_reach_the_others_only(chat):
    conversation, company, expert = chat
    message = services.message_send(
        conversation=conversation, author=company, body="Lu ?"
    ).message

    alice = communicator(conversation.pk, company.user)
    bob = communicator(conversation.pk, expert.user)

    async def scenario():
        await alice.connect()
        await bob.connect()
        await bob.send_json_to({"type": "read", "up_to": str(message.pk)})
        receipt = await receive(alice, "read")
        assert receipt["member"]["id"] == str(expert.pk) and receipt["up_to"] == str(
            message.pk
        )
        await bob.send_json_to({"type": "typing"})
        typing = await receive(alice, "typing")
        assert typing["member"]["name"] == expert.display_name
        await receive(bob, "read")  # bob sees his own receipt, but not his own typing
        assert await bob.receive_nothing(timeout=0.3)
        await alice.disconnect()
        await bob.disconnect()

    run(scenario)


def test_member_removed_from_the_conversation_is_disconnected_at_once(chat):
    conversation, company, _ = chat
    colleague = CompanyMemberFactory(organization=company.organization)
    services.participants_sync(conversation=conversation)
    elsewhere = CompanyMemberFactory()

    comm = communicator(conversation.pk, colleague.user)

    async def scenario():
        assert (await comm.connect())[0]
        await _move(colleague, elsewhere.organization)
        output = await comm.receive_output(timeout=3)
        assert output == {"type": "websocket.close", "code": 4403, "reason": ""} or (
            output["type"] == "websocket.close" and output["code"] == 4403
        )

    run(scenario)


async def _move(member, organization):
    from channels.db import database_sync_to_async

    await database_sync_to_async(move_to)(member, organization)


def test_system_message_is_shown_in_the_readers_language(chat):
    conversation, _, expert = chat
    expert.language = "en"
    expert.save()

    comm = communicator(conversation.pk, expert.user)

    async def scenario():
        await comm.connect()
        from channels.db import database_sync_to_async

        await database_sync_to_async(services.message_post_system)(
            conversation=conversation, event="complete", data={}
        )
        frame = await receive(comm, "message")
        assert frame["kind"] == "system" and frame["body"] == "The mission is complete."
        await comm.disconnect()

    run(scenario)


def test_read_receipts_move_live_both_ways_while_both_have_it_open(chat):
    """Both sockets open on a conversation with history: each new message, once
    the other side reads it, moves the sender's receipt (the socket's copy of
    the conversation was loaded before those messages: it must not cap the read
    position at the number it had then)."""
    conversation, company, expert = chat
    first = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=first.seq
    )

    alice = communicator(conversation.pk, company.user)
    bob = communicator(conversation.pk, expert.user)

    async def exchange(sender, reader, reader_member, body):
        await sender.send_json_to(
            {"type": "send", "client_id": str(uuid.uuid4()), "body": body}
        )
        ack = await receive(sender, "ack")
        frame = await receive(reader, "message")
        assert frame["id"] == ack["id"]
        await reader.send_json_to({"type": "read", "up_to": frame["id"]})
        # every socket of the conversation gets every receipt, its own member's
        # too (the sender's own receipt from the exchange before may come
        # before or after its ack): wait for the reader's
        receipt = await receive(sender, "read")
        while receipt["member"]["id"] != str(reader_member.pk):
            receipt = await receive(sender, "read")
        assert receipt["up_to"] == ack["id"] and receipt["seq"] == ack["seq"]

    async def scenario():
        assert (await alice.connect())[0] and (await bob.connect())[0]
        await exchange(alice, bob, expert, "Vous êtes disponible ?")
        await exchange(bob, alice, company, "Oui, dès lundi.")
        await exchange(alice, bob, expert, "Parfait.")
        await alice.disconnect()
        await bob.disconnect()

    run(scenario)
    rows = {row.member_id: row.last_read_seq for row in conversation.participants.all()}
    assert rows == {company.pk: 4, expert.pk: 4}
