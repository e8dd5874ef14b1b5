"""Léa's story: a member submits a chapter, a moderator publishes it, asks for
changes or refuses it with a reason; members comment; plain text only."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cms.demo import build_site
from cms.models import Chapter
from marketplace.models import ExpertProfile
from marketplace.roles import MODERATOR
from tests.factories import ExpertFactory, give_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return build_site()["story"]


@pytest.fixture
def moderator():
    member = ExpertFactory(display_name="Modé Ratrice")
    member.user.groups.add(Group.objects.get_or_create(name=MODERATOR)[0])
    give_second_factor(member.user)  # staff must (marketplace.two_factor)
    return member


def submit(client, story, **data):
    return client.post(
        story.url + "contribute/",
        {"title": "Le jour du vote", "text": "Léa vote.", "signature": "name", **data},
    )


def test_a_submitted_chapter_waits_then_a_moderator_publishes_it(
    client, story, moderator
):
    author = ExpertFactory(display_name="Iris Martin")
    client.force_login(author.user)
    response = submit(client, story, text="Léa vote.\n\n<script>alert(1)</script>")
    assert response.status_code == 302
    chapter = Chapter.objects.get()
    assert chapter.state == Chapter.State.SUBMITTED
    visitor = client.__class__()
    assert "Le jour du vote" not in visitor.get(story.url).content.decode()
    assert visitor.get(f"{story.url}chapters/{chapter.pk}/").status_code == 404

    client.force_login(moderator.user)
    queue = client.get(story.url + "moderation/").content.decode()
    assert "Le jour du vote" in queue
    client.post(
        story.url + "moderation/", {"chapter": chapter.pk, "decision": "publish"}
    )
    chapter.refresh_from_db()
    assert chapter.state == Chapter.State.PUBLISHED
    html = visitor.get(story.url).content.decode()
    assert "Le jour du vote" in html and "Iris Martin" in html
    english = story.get_translation(Locale.objects.get(language_code="en"))
    assert "Le jour du vote" in visitor.get(english.url).content.decode()
    page = visitor.get(f"{story.url}chapters/{chapter.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_refusal_and_changes_tell_the_author_why(client, story, moderator):
    author = ExpertFactory()
    client.force_login(author.user)
    submit(client, story)
    submit(client, story, title="Un autre")
    first, second = Chapter.objects.order_by("created_at")
    client.force_login(moderator.user)
    queue = client.get(story.url + "moderation/").content.decode()
    ids = re.findall(r'\bid="(id_[^"]+)"', queue)
    assert ids and len(ids) == len(set(ids))  # one set of field ids per chapter
    # a refusal without a reason is refused, nothing changes, the form says why
    page = client.post(
        story.url + "moderation/", {"chapter": first.pk, "decision": "refuse"}
    ).content.decode()
    first.refresh_from_db()
    assert first.state == Chapter.State.SUBMITTED
    assert f'id="id_note_{first.pk}"' in page and 'aria-invalid="true"' in page
    client.post(
        story.url + "moderation/",
        {"chapter": first.pk, "decision": "refuse", "note": "Hors sujet."},
    )
    client.post(
        story.url + "moderation/",
        {"chapter": second.pk, "decision": "changes", "note": "Plus court."},
    )
    client.force_login(author.user)
    mine = client.get(story.url + "mine/").content.decode()
    assert "Hors sujet." in mine and "Plus court." in mine
    client.post(
        f"{story.url}chapters/{second.pk}/edit/",
        {"title": "Un autre", "text": "Court.", "signature": "name"},
    )
    second.refresh_from_db()
    assert second.state == Chapter.State.SUBMITTED and second.text == "Court."


def test_only_moderators_moderate(client, story):
    client.force_login(ExpertFactory().user)
    assert client.get(story.url + "moderation/").status_code == 404


def test_pseudonymous_author_signs_with_the_alias_and_members_comment(
    client, story, moderator
):
    author = ExpertFactory(display_name="Nom Caché")
    ExpertProfile.objects.create(member=author, pseudonymous=True, alias="Plume 42")
    client.force_login(author.user)
    submit(client, story)
    chapter = Chapter.objects.get()
    chapter.state, chapter.published_at = Chapter.State.PUBLISHED, chapter.created_at
    chapter.save()
    url = f"{story.url}chapters/{chapter.pk}/"
    client.post(url, {"text": "Très juste."})
    html = client.__class__().get(url).content.decode()
    assert "Plume 42" in html and "Très juste." in html
    assert "Nom Caché" not in html
    # a visitor cannot comment
    visitor = client.__class__()
    assert visitor.post(url, {"text": "spam"}).status_code == 302
    assert chapter.comments.count() == 1


def test_search_finds_published_chapters_signed_as_chosen(client, story):
    pseudonymous = ExpertFactory(display_name="Hélène Secret")
    ExpertProfile.objects.create(
        member=pseudonymous, pseudonymous=True, alias="Ingénieure du Sud"
    )
    published = Chapter.objects.create(
        story_key=story.translation_key,
        author=pseudonymous,
        signature=Chapter.Signature.SHOWN_NAME,
        title="La carte des réseaux",
        text="Léa dessine une carte des réseaux d'eau.",
        state=Chapter.State.PUBLISHED,
    )
    Chapter.objects.create(
        story_key=story.translation_key,
        author=pseudonymous,
        title="Réseaux en attente",
        text="Pas encore relu.",
    )
    html = client.get("/search/?q=r%C3%A9seaux").content.decode()
    assert "La carte des réseaux" in html
    assert f"{story.url}chapters/{published.pk}/" in html
    assert "Ingénieure du Sud" in html and "Hélène Secret" not in html
    assert "Réseaux en attente" not in html  # waiting for moderation
    assert "La carte des réseaux" not in client.get("/search/?q=vote").content.decode()
