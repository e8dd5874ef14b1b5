"""The pages' forms end to end through the test client: join, admission, moderation,
appeal, posting with a file, quoting, the helpful reply, following, circles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from marketplace.models import CounsellorInvitation
from spaces import selectors, services
from spaces.models import (
    Circle,
    CircleMember,
    Follow,
    Membership,
    ModerationAction,
    Post,
    PostAttachment,
    Thread,
)
from tests.factories import ExpertFactory
from tests.spaces.space_factories import OTHER_FAMILY, make_space, practitioner, seat

pytestmark = pytest.mark.django_db


def signed_in(member):
    client = Client()
    client.force_login(member.user)
    return client


def test_join_start_thread_reply_with_file_quote_helpful_follow():
    space, moderator = make_space()
    peer = practitioner()
    client = signed_in(peer)
    assert "Développeurs" in client.get(reverse("spaces:list")).content.decode()
    client.post(reverse("spaces:join", args=[space.pk]))
    response = client.post(
        space.get_absolute_url(),
        {"kind": "question", "title": "Cache Redis", "body": "Quelle expiration ?"},
    )
    thread = Thread.objects.get(space=space)
    assert response.url == thread.get_absolute_url()
    mod = signed_in(moderator)
    first = Post.objects.get(thread=thread)
    page = mod.get(thread.get_absolute_url(), {"quote": first.pk}).content.decode()
    assert 'name="quote"' in page and str(first.pk) in page
    mod.post(
        thread.get_absolute_url(),
        {
            "body": "Une heure, et une clé versionnée.",
            "quote": first.pk,
            "attachment": SimpleUploadedFile("cache.txt", b"TTL=3600\n"),
        },
    )
    answer = Post.objects.get(thread=thread, author=moderator)
    assert answer.quote == first
    item = PostAttachment.objects.get(post=answer)
    download = client.get(item.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"TTL=3600\n"
    client.post(reverse("spaces:post_action", args=[answer.pk, "helpful"]))
    thread.refresh_from_db()
    assert thread.helpful_post == answer
    assert (
        "La réponse qui a aidé"
        in client.get(thread.get_absolute_url()).content.decode()
    )
    client.post(reverse("spaces:follow", args=[thread.pk]), {"follow": "0"})
    assert not Follow.objects.filter(thread=thread, member=peer).exists()
    # a refused reply shows the reason and stores nothing
    response = client.post(thread.get_absolute_url(), {"body": "bip\x07"}, follow=True)
    assert "ne peuvent pas être enregistrés" in response.content.decode()
    assert Post.objects.filter(thread=thread).count() == 2


def test_admission_warning_removal_appeal_through_the_pages():
    space, moderator = make_space()
    other = practitioner(family=OTHER_FAMILY)
    client = signed_in(other)
    response = client.post(reverse("spaces:join", args=[space.pk]), follow=True)
    assert "demandez aux modérateurs" in response.content.decode()
    client.post(
        reverse("spaces:join", args=[space.pk]),
        {"admission": "1", "note": "Je fais aussi du Python."},
    )
    row = Membership.objects.get(space=space, member=other)
    mod = signed_in(moderator)
    moderation = mod.get(reverse("spaces:moderation", args=[space.pk])).content.decode()
    assert "Je fais aussi du Python." in moderation

    def act(action, reason=""):
        url = reverse("spaces:member_action", args=[space.pk, row.pk, action])
        return mod.post(url, {"reason": reason})

    act("admit")
    assert client.get(space.get_absolute_url()).status_code == 200
    act("warn", "Restez courtois.")
    assert "Restez courtois." in client.get(space.get_absolute_url()).content.decode()
    act("remove", "Démarchage répété.")
    assert client.get(space.get_absolute_url()).status_code == 404
    listing = client.get(reverse("spaces:list")).content.decode()
    assert "Démarchage répété." in listing
    client.post(reverse("spaces:appeal", args=[space.pk]), {"reason": "Erreur."})
    row.refresh_from_db()
    assert row.appeal == "Erreur."
    kinds = set(
        ModerationAction.objects.filter(space=space).values_list("kind", flat=True)
    )
    assert {"admit", "warn", "remove", "appeal"} <= kinds
    # a member who is not a moderator cannot act: 404, nothing changes
    peer = practitioner()
    signed_in(peer).post(reverse("spaces:join", args=[space.pk]))
    url = reverse("spaces:member_action", args=[space.pk, row.pk, "reinstate"])
    assert signed_in(peer).post(url, {"reason": "x"}).status_code == 404
    row.refresh_from_db()
    assert row.status == Membership.Status.REMOVED


def test_circle_pages_invite_post_and_close():
    owner = practitioner()
    counsellor = ExpertFactory()
    CounsellorInvitation.objects.create(profile=owner.profile, counsellor=counsellor)
    client = signed_in(owner)
    client.post(reverse("spaces:circle_create"), {"title": "Ma transition"})
    circle = Circle.objects.get(owner=owner)
    page = client.get(circle.get_absolute_url()).content.decode()
    assert counsellor.display_name in page  # offered for invitation
    client.post(
        reverse("spaces:circle_action", args=[circle.pk, "invite"]),
        {"member": counsellor.pk},
    )
    assert CircleMember.objects.filter(circle=circle, member=counsellor).exists()
    helper = signed_in(counsellor)
    helper.post(
        circle.get_absolute_url(),
        {"kind": "discussion", "title": "Premier pas", "body": "Parlons-en."},
    )
    thread = Thread.objects.get(circle=circle)
    assert helper.get(thread.get_absolute_url()).status_code == 200
    assert signed_in(ExpertFactory()).get(thread.get_absolute_url()).status_code == 404
    client.post(reverse("spaces:circle_action", args=[circle.pk, "close"]))
    assert helper.get(circle.get_absolute_url()).status_code == 404
    assert helper.get(thread.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_a_long_thread_pages_its_posts():
    space, moderator = make_space()
    thread = services.thread_create(
        seat=seat(moderator, space), title="Long fil", body="Début"
    )
    Post.objects.bulk_create(
        Post(thread=thread, author=moderator, body=f"Réponse {i}")
        for i in range(selectors.POSTS_PAGE_SIZE + 5)
    )
    client = signed_in(moderator)
    first = client.get(thread.get_absolute_url()).content.decode()
    assert "?page=2" in first
    second = client.get(thread.get_absolute_url(), {"page": 2}).content.decode()
    assert second.count('class="card mb-3 space-post"') == 6
