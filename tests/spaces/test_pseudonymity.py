"""A pseudonymous expert takes part under their alias: nothing in a space reveals them."""

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.models import Notification
from spaces import services
from spaces.models import Membership, Post
from tests.spaces.space_factories import make_space, practitioner, seat

pytestmark = pytest.mark.django_db

REAL = "Élodie Vasseur"
ALIAS = "Renard bleu"


@pytest.fixture
def masked():
    space, moderator = make_space()
    hidden = practitioner(pseudonymous=True, alias=ALIAS)
    hidden.display_name = REAL
    hidden.save()
    services.space_join(space=space, member=hidden)
    thread = services.thread_create(
        seat=seat(hidden, space), title="Tarifs en régie", body="Quel taux journalier ?"
    )
    services.post_create(
        seat=seat(moderator, space), thread=thread, body=f"@{ALIAS} cela dépend."
    )
    services.member_warn(
        seat=seat(moderator, space),
        membership=Membership.objects.get(space=space, member=hidden),
        reason="Rappel de la charte",
    )
    return space, moderator, hidden, thread


def pages(space, thread):
    return [
        reverse("spaces:space", args=[space.pk]),
        reverse("spaces:charter", args=[space.pk]),
        reverse("spaces:moderation", args=[space.pk]),
        reverse("spaces:thread", args=[thread.pk]),
        f"/api/spaces/{space.pk}/threads/",
        f"/api/threads/{thread.pk}/posts/",
    ]


def test_pages_and_api_show_the_alias_never_the_name(masked):
    space, moderator, _, thread = masked
    client = Client()
    client.force_login(moderator.user)
    for url in pages(space, thread):
        response = client.get(url)
        text = response.content.decode()
        assert response.status_code == 200, url
        if "charter" not in url:  # the charter names the moderators only
            assert ALIAS in text, url
        assert REAL not in text and "Vasseur" not in text, url


def test_mentions_find_the_alias_and_never_the_real_name(masked):
    space, moderator, hidden, thread = masked
    by_alias = Post.objects.get(thread=thread, author=moderator)
    assert list(by_alias.mentions.all()) == [hidden]
    by_name = services.post_create(
        seat=seat(moderator, space), thread=thread, body=f"@{REAL} c'est bien vous ?"
    )
    assert not by_name.mentions.exists()
    by_first_name = services.post_create(
        seat=seat(moderator, space), thread=thread, body="@Élodie bonjour"
    )
    assert not by_first_name.mentions.exists()


def test_search_by_the_real_name_finds_nothing(masked):
    space, moderator, _, _ = masked
    client = Client()
    client.force_login(moderator.user)
    for query in (REAL, "Vasseur"):
        api = client.get(f"/api/spaces/{space.pk}/threads/", {"q": query})
        assert api.json() == []
        page = client.get(reverse("spaces:space", args=[space.pk]), {"q": query})
        assert "Tarifs en régie" not in page.content.decode()
    found = client.get(f"/api/spaces/{space.pk}/threads/", {"q": "régie"}).json()
    assert [row["author"]["name"] for row in found] == [ALIAS]


def test_the_mention_notification_names_the_alias(masked):

    space, moderator, hidden, thread = masked
    services.post_create(
        seat=seat(hidden, space), thread=thread, body=f"@{moderator.display_name} merci"
    )
    note = Notification.objects.get(member=moderator, kind="spaces.mention")
    assert ALIAS in note.title and REAL not in note.title
    assert (
        Notification.objects.filter(member=hidden, kind="spaces.mention").count() == 1
    )
