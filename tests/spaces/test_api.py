"""The spaces API: same access rules as the pages, bad input refused, nothing stored."""

import uuid

import pytest
from django.test import Client

from spaces import services
from spaces.models import Post, Thread
from tests.factories import CompanyMemberFactory, UserFactory
from tests.spaces.space_factories import OTHER_FAMILY, make_space, practitioner, seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    space, moderator = make_space()
    peer = practitioner()
    services.space_join(space=space, member=peer)
    thread = services.thread_create(
        seat=seat(peer, space), title="Observabilité", body="Quels outils ?"
    )
    return space, moderator, peer, thread


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def routes(space, thread):
    return [
        f"/api/spaces/{space.pk}/",
        f"/api/spaces/{space.pk}/threads/",
        f"/api/threads/{thread.pk}/posts/",
    ]


def test_members_read_and_write(room):
    space, _, peer, thread = room
    client = client_for(peer.user)
    assert [row["id"] for row in client.get("/api/spaces/").json()] == [str(space.pk)]
    for url in routes(space, thread):
        assert client.get(url).status_code == 200, url
    created = client.post(
        f"/api/threads/{thread.pk}/posts/",
        {"body": "Prometheus et Grafana."},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["author"]["name"] == peer.display_name
    started = client.post(
        f"/api/spaces/{space.pk}/threads/",
        {"kind": "question", "title": "Alerting", "body": "Seuils ?"},
        content_type="application/json",
    )
    assert started.status_code == 201 and started.json()["kind"] == "question"


def test_everyone_else_gets_404_on_every_route(room):
    space, _, _, thread = room
    people = {
        "visitor": None,
        "company member": CompanyMemberFactory().user,
        "expert of another profession": practitioner(family=OTHER_FAMILY).user,
        "staff": UserFactory(is_staff=True),
        "platform admin": UserFactory(is_staff=True, is_superuser=True),
    }
    for role, user in people.items():
        client = client_for(user)
        for url in routes(space, thread):
            assert client.get(url).status_code == 404, (role, url)
            response = client.post(
                url, {"body": "x", "title": "x"}, content_type="application/json"
            )
            assert response.status_code in (404, 405), (role, url)
        if user is None or not getattr(user, "member", None):
            assert client.get("/api/spaces/").status_code == 404, role
    assert client_for(people["company member"]).get("/api/spaces/").status_code == 404
    assert (
        client_for(people["visitor"]).get(f"/api/spaces/{uuid.uuid4()}/").status_code
        == 404
    )
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"body": "x" * 10_001},
        {"body": ""},
        {"body": "   "},
        {"body": "nul\u0000"},
        {"body": ["liste"]},
        {"body": {"objet": 1}},
        {},
        {"body": "ok", "quote": "pas-un-uuid"},
        {"body": "ok", "quote": str(uuid.uuid4())},
    ],
)
def test_bad_posts_get_a_clear_error_and_nothing_is_stored(room, payload):
    _, _, peer, thread = room
    client = client_for(peer.user)
    before = Post.objects.count(), Thread.objects.count()
    response = client.post(
        f"/api/threads/{thread.pk}/posts/", payload, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] and error["detail"]
    assert (Post.objects.count(), Thread.objects.count()) == before


def test_malformed_json_is_refused(room):
    _, _, peer, thread = room
    response = client_for(peer.user).post(
        f"/api/threads/{thread.pk}/posts/",
        "{pas du json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Post.objects.count() == 1
