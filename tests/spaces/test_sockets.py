"""The thread socket through the real ASGI stack: gates, close codes, live posts."""

import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from spaces import services
from spaces.models import Membership, Post
from tests.factories import CompanyMemberFactory, UserFactory
from tests.messaging.conversation_factories import session_cookie
from tests.messaging.test_consumers import close_code, receive, run
from tests.spaces.space_factories import OTHER_FAMILY, make_space, practitioner, seat

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = b"http://127.0.0.1"


def communicator(thread_id, user=None):
    headers = [(b"origin", ORIGIN)]
    if user is not None:
        headers.append((b"cookie", session_cookie(user).encode()))
    return WebsocketCommunicator(
        application, f"/ws/spaces/threads/{thread_id}/", headers=headers
    )


@pytest.fixture
def room():
    space, moderator = make_space()
    peer = practitioner()
    services.space_join(space=space, member=peer)
    thread = services.thread_create(
        seat=seat(peer, space), title="Revue de code", body="Vos pratiques ?"
    )
    return space, moderator, peer, thread


def test_visitor_4401_outsiders_4404(room):
    thread = room[3]
    assert run(close_code, communicator(thread.pk)) == 4401
    staff = UserFactory(is_staff=True)
    admin = UserFactory(is_staff=True, is_superuser=True)
    for user in (
        CompanyMemberFactory().user,
        practitioner(family=OTHER_FAMILY).user,
        staff,
        admin,
    ):
        assert run(close_code, communicator(thread.pk, user)) == 4404
    assert run(close_code, communicator(uuid.uuid4(), room[2].user)) == 4404


def test_a_reply_reaches_the_open_page_and_a_hidden_post_too(room):
    space, moderator, peer, thread = room
    watching = communicator(thread.pk, peer.user)

    def reply():
        return services.post_create(
            seat=seat(moderator, space), thread=thread, body="Par paires, toujours."
        )

    def hide(post):
        services.post_hide(seat=seat(moderator, space), post=post, reason="Doublon")

    async def scenario():
        assert (await watching.connect())[0]
        post = await database_sync_to_async(reply)()
        frame = await receive(watching, "post")
        assert frame["post"]["id"] == str(post.pk)
        assert frame["post"]["body"] == "Par paires, toujours."
        assert frame["post"]["author"]["name"] == moderator.display_name
        await database_sync_to_async(hide)(post)
        frame = await receive(watching, "post")
        assert frame["post"]["hidden"] is True
        assert frame["post"]["body"] == ""
        assert frame["post"]["hidden_reason"] == "Doublon"
        await watching.disconnect()

    run(scenario)


def test_a_removed_member_s_open_socket_is_closed_at_once_with_4403(room):
    space, moderator, peer, thread = room
    watching = communicator(thread.pk, peer.user)

    def remove():
        services.member_remove(
            seat=seat(moderator, space),
            membership=Membership.objects.get(space=space, member=peer),
            reason="Hors charte",
        )

    async def scenario():
        assert (await watching.connect())[0]
        await database_sync_to_async(remove)()
        output = await watching.receive_output(timeout=3)
        assert output["type"] == "websocket.close" and output["code"] == 4403

    run(scenario)
    assert Post.objects.filter(thread=thread).count() == 1
