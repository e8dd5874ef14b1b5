"""Who gets in: the access matrix of spaces' pages (API and sockets: their own files).

Company members, experts of another profession, staff who do not practise the
profession, platform admins and visitors get 404 on every page of a space,
exactly like a space that does not exist.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from spaces import services
from spaces.models import Membership, Post
from tests.factories import (
    CompanyMemberFactory,
    ExpertFactory,
    UserFactory,
    give_second_factor,
)
from tests.spaces.space_factories import (
    OTHER_FAMILY,
    make_space,
    practitioner,
    seat,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    space, moderator = make_space()
    peer = practitioner()
    services.space_join(space=space, member=peer)
    thread = services.thread_create(
        seat=seat(peer, space), title="Tests Django lents", body="Comment accélérer ?"
    )
    return space, moderator, peer, thread


def urls(space, thread):
    post = Post.objects.filter(thread=thread).first()
    return [
        reverse("spaces:space", args=[space.pk]),
        reverse("spaces:space", args=[space.pk]) + "?q=Django",
        reverse("spaces:charter", args=[space.pk]),
        reverse("spaces:moderation", args=[space.pk]),
        reverse("spaces:thread", args=[thread.pk]),
    ], post


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def outsiders():
    staff = UserFactory(is_staff=True)
    staff_expert = practitioner(family=OTHER_FAMILY)
    staff_expert.user.is_staff = True
    staff_expert.user.save()
    give_second_factor(staff_expert.user)  # staff must (marketplace.two_factor)
    admin = UserFactory(is_staff=True, is_superuser=True)
    return {
        "visitor": None,
        "company member": CompanyMemberFactory().user,
        "expert of another profession": practitioner(family=OTHER_FAMILY).user,
        "expert with no profile": ExpertFactory().user,
        "staff": staff,
        "staff expert of another profession": staff_expert.user,
        "platform admin": admin,
    }


def test_members_read_every_page(world):
    space, moderator, peer, thread = world
    pages, _ = urls(space, thread)
    for member in (moderator, peer):
        client = client_for(member.user)
        for url in pages:
            assert client.get(url).status_code == 200, url


def test_everyone_else_gets_404_everywhere(world):
    space, _, _, thread = world
    pages, post = urls(space, thread)
    posts = [
        reverse("spaces:post_action", args=[post.pk, "report"]),
        reverse("spaces:follow", args=[thread.pk]),
        reverse("spaces:join", args=[space.pk]),
    ]
    for role, user in outsiders().items():
        client = client_for(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 404, (role, url, response.status_code)
        for url in posts:
            member = getattr(user, "member", None) if user is not None else None
            if "join" in url and member is not None and member.is_expert:
                continue  # an expert may ask (refused: see below)
            response = client.post(url, {"reason": "x", "follow": "1"})
            assert response.status_code == 404, (role, url, response.status_code)
    assert Post.objects.filter(thread=thread).count() == 1
    assert Membership.objects.filter(space=space, status="active").count() == 2


def test_a_space_that_does_not_exist_looks_the_same(world):
    client = client_for(world[2].user)
    assert client.get(reverse("spaces:space", args=[uuid.uuid4()])).status_code == 404


def test_staff_who_practise_the_profession_join_like_any_peer(world):
    space, _, _, thread = world
    staff_peer = practitioner()
    staff_peer.user.is_staff = True
    staff_peer.user.save()
    give_second_factor(staff_peer.user)  # staff must (marketplace.two_factor)
    client = client_for(staff_peer.user)
    assert client.get(space.get_absolute_url()).status_code == 404
    response = client.post(reverse("spaces:join", args=[space.pk]))
    assert response.status_code == 302
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_removed_member_loses_every_page_at_once(world):
    space, moderator, peer, thread = world
    membership = Membership.objects.get(space=space, member=peer)
    services.member_remove(
        seat=seat(moderator, space), membership=membership, reason="Propos déplacés"
    )
    client = client_for(peer.user)
    pages, _ = urls(space, thread)
    for url in pages:
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("spaces:list"))
    assert "Propos déplacés" in listing.content.decode()


def test_platform_admin_suspends_but_cannot_read(world):
    space, _, peer, thread = world
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(admin)
    staff_page = client.get(reverse("spaces:staff"))
    assert staff_page.status_code == 200
    assert "Tests Django lents" not in staff_page.content.decode()
    client.post(reverse("spaces:staff"), {"space": space.pk, "reason": "Plainte"})
    space.refresh_from_db()
    assert space.is_suspended
    assert client.get(space.get_absolute_url()).status_code == 404
    # members still read, nobody posts
    peer_client = client_for(peer.user)
    assert peer_client.get(thread.get_absolute_url()).status_code == 200
    peer_client.post(thread.get_absolute_url(), {"body": "Encore moi"})
    assert Post.objects.filter(thread=thread).count() == 1
    # a staff member who is not a superuser sees no staff page
    assert (
        client_for(UserFactory(is_staff=True)).get(reverse("spaces:staff")).status_code
        == 404
    )
