"""Joining, posting, moderating, circles: through the real services and database."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from core.refusals import Refusal
from marketplace.models import CounsellorInvitation, ExpertSkill
from spaces import services
from spaces.access import circle_seat
from spaces.models import (
    POST_MAX_LENGTH,
    Follow,
    Membership,
    ModerationAction,
    Post,
    PostAttachment,
    Thread,
)
from tests.factories import ExpertFactory
from tests.spaces.space_factories import (
    OTHER_FAMILY,
    make_space,
    practitioner,
    seat,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    space, moderator = make_space()
    peer = practitioner()
    services.space_join(space=space, member=peer)
    thread = services.thread_create(
        seat=seat(peer, space),
        title="Migrations sans coupure",
        body="Comment faites-vous ?",
        kind=Thread.Kind.QUESTION,
    )
    return space, moderator, peer, thread


def test_join_needs_the_profession_at_the_level_of_the_space(room):
    space = room[0]
    beginner = practitioner(level=ExpertSkill.Level.NOTIONS)
    other = practitioner(family=OTHER_FAMILY)
    for member in (beginner, other, ExpertFactory()):
        with pytest.raises(Refusal) as refused:
            services.space_join(space=space, member=member)
        assert refused.value.code == "not_qualified"
    assert not Membership.objects.filter(space=space, member=beginner).exists()


def test_a_moderator_admits_after_review_with_the_decision_logged(room):
    space, moderator, peer, _ = room
    other = practitioner(family=OTHER_FAMILY)
    row = services.admission_request(space=space, member=other, note="Je code aussi.")
    assert row.status == Membership.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.admission_decide(
            moderator=seat(peer, space).membership, membership=row, admit=True
        )
    services.admission_decide(
        moderator=seat(moderator, space).membership, membership=row, admit=True
    )
    assert seat(other, space).membership.via == Membership.Via.ADMISSION
    assert ModerationAction.objects.filter(
        space=space, kind="admit", target=other
    ).exists()


def test_appointed_moderators_must_be_confirmed_within_a_month(room):
    space, moderator, _, _ = room
    row = Membership.objects.get(space=space, member=moderator)
    assert row.is_moderator and row.via == Membership.Via.APPOINTMENT
    assert (row.confirm_by - row.created_at.date()).days == 30


@pytest.mark.parametrize(
    "body",
    ["", "   \n ", "x" * (POST_MAX_LENGTH + 1), "bonjour\x00", 42, None, ["liste"]],
)
def test_oversized_or_malformed_posts_are_refused_and_nothing_stored(room, body):
    space, _, peer, thread = room
    before = Post.objects.count(), Thread.objects.count()
    with pytest.raises(Refusal) as refused:
        services.post_create(seat=seat(peer, space), thread=thread, body=body)
    assert refused.value.status == 400 and refused.value.message
    with pytest.raises(Refusal):
        services.thread_create(seat=seat(peer, space), title="Titre", body=body)
    with pytest.raises(Refusal):
        services.thread_create(seat=seat(peer, space), title=body or "", body="ok")
    assert (Post.objects.count(), Thread.objects.count()) == before


def test_attachments_follow_the_mission_file_rules(room):
    space, _, peer, thread = room
    executable = SimpleUploadedFile("virus.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04")
    with pytest.raises(Refusal) as refused:
        services.post_create(
            seat=seat(peer, space),
            thread=thread,
            body="Voici",
            attachments=[executable],
        )
    assert refused.value.code == "attachment"
    assert Post.objects.filter(thread=thread).count() == 1
    pdf = SimpleUploadedFile("notes.pdf", b"%PDF-1.4 notes")
    post = services.post_create(
        seat=seat(peer, space), thread=thread, body="Mes notes", attachments=[pdf]
    )
    assert PostAttachment.objects.get(post=post).content_type == "application/pdf"


def test_quote_mentions_helpful_and_follow(room):
    space, moderator, peer, thread = room
    first = Post.objects.get(thread=thread)
    reply = services.post_create(
        seat=seat(moderator, space),
        thread=thread,
        body=f"@{peer.display_name} essayez les migrations en deux temps.",
        quote_id=first.pk,
    )
    assert reply.quote == first
    assert list(reply.mentions.all()) == [peer]
    thread = services.helpful_mark(seat=seat(peer, space), post=reply)
    assert thread.helpful_post == reply
    with pytest.raises(PermissionDenied):
        services.helpful_mark(seat=seat(moderator, space), post=reply)
    assert Follow.objects.filter(thread=thread, member=moderator).exists()
    services.follow_set(seat=seat(moderator, space), thread=thread, follow=False)
    assert not Follow.objects.filter(thread=thread, member=moderator).exists()
    outsider = practitioner(family=OTHER_FAMILY)
    quoting_elsewhere = services.post_create(
        seat=seat(peer, space), thread=thread, body=f"@{outsider.display_name} ?"
    )
    assert not quoting_elsewhere.mentions.exists()  # not a member: nobody is told


def test_moderation_hide_warn_remove_appeal_reinstate(room):
    space, moderator, peer, thread = room
    post = Post.objects.get(thread=thread)
    with pytest.raises(PermissionDenied):
        services.post_hide(seat=seat(peer, space), post=post, reason="x")
    with pytest.raises(Refusal):
        services.post_hide(seat=seat(moderator, space), post=post, reason="")
    services.post_report(seat=seat(moderator, space), post=post, reason="Hors sujet")
    services.post_hide(seat=seat(moderator, space), post=post, reason="Hors sujet")
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Hors sujet"
    row = Membership.objects.get(space=space, member=peer)
    services.member_warn(seat=seat(moderator, space), membership=row, reason="Calme")
    services.member_remove(
        seat=seat(moderator, space), membership=row, reason="Insultes"
    )
    row.refresh_from_db()
    assert row.status == Membership.Status.REMOVED and row.reason == "Insultes"
    with pytest.raises(Refusal):
        services.space_join(space=space, member=peer)
    services.member_appeal(membership=row, text="Je m'excuse.")
    with pytest.raises(Refusal):  # the moderator who removed them does not decide
        services.member_reinstate(
            seat=seat(moderator, space), membership=row, reason="Accordé"
        )
    second = practitioner()
    services.space_join(space=space, member=second)
    Membership.objects.filter(space=space, member=second).update(role="moderator")
    services.member_reinstate(
        seat=seat(second, space), membership=row, reason="Accordé"
    )
    kinds = list(
        ModerationAction.objects.filter(space=space)
        .order_by("created_at")
        .values_list("kind", flat=True)
    )
    assert kinds == ["report", "hide", "warn", "remove", "appeal", "reinstate"]
    report = ModerationAction.objects.get(space=space, kind="report")
    assert report.actor is None  # the reporter is not kept in the public log


def test_circle_is_private_and_its_owner_closes_it():
    owner = practitioner()
    counsellor = ExpertFactory()
    stranger = ExpertFactory()
    CounsellorInvitation.objects.create(profile=owner.profile, counsellor=counsellor)
    with pytest.raises(Refusal):
        services.circle_create(owner=owner, title="Ma reconversion", people=[stranger])
    circle = services.circle_create(
        owner=owner, title="Ma reconversion", people=[counsellor]
    )
    helper = circle_seat(user=counsellor.user, circle_id=circle.pk)
    thread = services.thread_create(seat=helper, title="Première étape", body="Bilan ?")
    assert thread.circle == circle and thread.space is None

    with pytest.raises(Http404):
        circle_seat(user=stranger.user, circle_id=circle.pk)
    with pytest.raises(PermissionDenied):
        services.circle_close(circle=circle, by=counsellor)
    services.circle_close(circle=circle, by=owner)
    with pytest.raises(Http404):
        circle_seat(user=counsellor.user, circle_id=circle.pk)
    mine = circle_seat(user=owner.user, circle_id=circle.pk)
    with pytest.raises(Refusal):
        services.post_create(seat=mine, thread=thread, body="Encore ?")
