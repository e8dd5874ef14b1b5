"""Services and selectors of conversations."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.refusals import Refusal
from marketplace import services as marketplace_services
from marketplace.models import AuditEvent
from messaging import selectors, services
from messaging.broadcast import message_event
from messaging.models import Conversation, Message, Participant
from missions import services as mission_services
from tests.factories import CompanyMemberFactory, ExpertFactory
from tests.messaging.conversation_factories import move_to, proposal_conversation
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_proposal_conversation_has_company_members_and_the_expert():
    conversation, company, expert = proposal_conversation()
    colleague = CompanyMemberFactory(organization=company.organization)
    members = {
        row.member for row in services.participants_sync(conversation=conversation)
    }
    assert members == {company, expert, colleague}


def test_same_client_id_twice_stores_one_message():
    conversation, company, _ = proposal_conversation()
    client_id = uuid.uuid4()
    first = services.message_send(
        conversation=conversation, author=company, body="Bonjour", client_id=client_id
    )
    second = services.message_send(
        conversation=conversation, author=company, body="Bonjour", client_id=client_id
    )
    assert first.created and not second.created
    assert first.message.pk == second.message.pk
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_messages_are_numbered_in_order_and_unread_counts_follow():
    conversation, company, expert = proposal_conversation()
    for text in ("un", "deux", "trois"):
        services.message_send(conversation=conversation, author=company, body=text)
    assert [
        m.seq for m in selectors.messages_after(conversation=conversation, after_seq=1)
    ] == [
        2,
        3,
    ]
    assert selectors.unread_total(member=expert) == 3
    assert selectors.unread_total(member=company) == 0
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=2
    )
    assert selectors.unread_total(member=expert) == 1


def test_read_position_never_moves_back():
    conversation, company, expert = proposal_conversation()
    for text in ("un", "deux"):
        services.message_send(conversation=conversation, author=company, body=text)
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=2
    )
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=1
    )
    assert (
        Participant.objects.get(conversation=conversation, member=expert).last_read_seq
        == 2
    )


def test_outsider_cannot_send():
    conversation, _, _ = proposal_conversation()
    with pytest.raises(PermissionDenied):
        services.message_send(
            conversation=conversation, author=ExpertFactory(), body="Coucou"
        )


def test_too_long_and_empty_messages_are_refused():
    conversation, company, _ = proposal_conversation()
    with pytest.raises(Refusal) as error:
        services.message_send(
            conversation=conversation, author=company, body="x" * 5001
        )
    assert error.value.code == "too_long"
    with pytest.raises(Refusal):
        services.message_send(conversation=conversation, author=company, body="   ")
    assert not Message.objects.exists()


def test_edit_within_five_minutes_leaves_a_trace():
    conversation, company, _ = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    edited = services.message_edit(message=message, by=company, body="Bonjour à tous")
    assert edited.edited_at is not None and edited.body == "Bonjour à tous"
    assert AuditEvent.objects.filter(
        action="message.edited", target_id=message.pk
    ).exists()


def test_edit_after_five_minutes_is_refused():
    conversation, company, _ = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=6)
    )
    message.refresh_from_db()
    with pytest.raises(Refusal) as error:
        services.message_edit(message=message, by=company, body="Trop tard")
    assert error.value.code == "edit_window"


def test_only_the_author_edits_or_deletes():
    conversation, company, expert = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    with pytest.raises(PermissionDenied):
        services.message_delete(message=message, by=expert)


def test_delete_keeps_a_deleted_trace_without_the_text():
    conversation, company, _ = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Secret"
    ).message
    services.message_delete(message=message, by=company)
    message.refresh_from_db()
    assert message.deleted_at is not None and message.body == ""
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_attachment_is_checked_like_mission_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    conversation, company, _ = proposal_conversation()
    pdf = SimpleUploadedFile(
        "devis.pdf", b"%PDF-1.4 hello", content_type="application/pdf"
    )
    sent = services.message_send(
        conversation=conversation, author=company, body="", attachments=[pdf]
    )
    assert sent.message.attachments.get().content_type == "application/pdf"
    exe = SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00\x03\x00", content_type="application/pdf"
    )
    with pytest.raises(Refusal) as error:
        services.message_send(
            conversation=conversation, author=company, body="voici", attachments=[exe]
        )
    assert error.value.code == "attachment"


def test_withdrawn_proposal_conversation_is_read_only(
    django_capture_on_commit_callbacks,
):
    conversation, company, expert = proposal_conversation()
    with django_capture_on_commit_callbacks(execute=True):
        mission_services.proposal_withdraw(
            proposal=conversation.proposal, by=expert.user
        )
    conversation = Conversation.objects.get(pk=conversation.pk)
    with pytest.raises(Refusal) as error:
        services.message_send(conversation=conversation, author=company, body="Dommage")
    assert error.value.code == "read_only"
    last = Message.objects.filter(conversation=conversation).last()
    assert (
        last.kind == Message.Kind.SYSTEM and last.data["event"] == "proposal_withdrawn"
    )


def test_mission_transitions_post_system_messages(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mission = f.mission(state="active")
    conversation = Conversation.objects.get(mission=mission)
    events = list(conversation.messages.values_list("data__event", flat=True))
    assert events == ["award", "confirm"]
    assert all(
        kind == Message.Kind.SYSTEM
        for kind in conversation.messages.values_list("kind", flat=True)
    )


def test_member_moving_to_another_organization_leaves_the_conversation(
    django_capture_on_commit_callbacks,
):
    conversation, company, _expert = proposal_conversation()
    colleague = CompanyMemberFactory(organization=company.organization)
    services.participants_sync(conversation=conversation)
    elsewhere = CompanyMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        move_to(colleague, elsewhere.organization)
    row = Participant.objects.get(conversation=conversation, member=colleague)
    assert row.removed_at is not None
    with pytest.raises(PermissionDenied):
        services.access_conversation(
            user=colleague.user, conversation_id=conversation.pk
        )


def test_member_moved_without_the_signal_leaves_on_access():
    conversation, company, _expert = proposal_conversation()
    colleague = CompanyMemberFactory(organization=company.organization)
    services.participants_sync(conversation=conversation)
    colleague.organization = CompanyMemberFactory().organization
    colleague.save()  # no signal: the next access still finds them out
    with pytest.raises(PermissionDenied):
        services.access_conversation(
            user=colleague.user, conversation_id=conversation.pk
        )
    row = Participant.objects.get(conversation=conversation, member=colleague)
    assert row.removed_at is not None


def test_colleague_accepting_an_invitation_joins_the_conversations(
    django_capture_on_commit_callbacks,
):
    conversation, company, _expert = proposal_conversation()
    company.organization_role = "owner"
    invitation = marketplace_services.organization_invite(
        organization=company.organization, by=company, email="new@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        colleague = marketplace_services.organization_invitation_accept(
            token=invitation.token, display_name="Nouvelle", password="x-Pass-1234"
        )
    rows = selectors.conversations_of(member=colleague)
    assert [row.conversation for row in rows] == [conversation]


def test_new_colleague_joins_on_access():
    conversation, company, _ = proposal_conversation()
    colleague = CompanyMemberFactory(organization=company.organization)
    found, participant = services.access_conversation(
        user=colleague.user, conversation_id=conversation.pk
    )
    assert found == conversation and participant.member == colleague


def test_conversation_list_counts_unread_in_fixed_queries(
    django_assert_max_num_queries,
):
    expert = ExpertFactory()
    for _ in range(3):
        conversation, company, _expert_member = proposal_conversation()
        Participant.objects.create(conversation=conversation, member=expert)
        services.message_send(conversation=conversation, author=company, body="Bonjour")
    with django_assert_max_num_queries(1):
        rows = list(selectors.conversations_of(member=expert))
        subjects = [str(row.conversation.subject) for row in rows]
    assert [row.unread for row in rows] == [1, 1, 1] and len(subjects) == 3


def test_pseudonymous_expert_is_named_by_alias_in_the_conversation():
    from tests.marketplace.factories import ProfileFactory

    conversation, company, expert = proposal_conversation()
    profile = ProfileFactory(member=expert)
    marketplace_services.profile_update(
        profile=profile, by=expert.user, pseudonymous=True, alias="Hibou"
    )
    conversation = Conversation.objects.select_related("proposal__need").get(
        pk=conversation.pk
    )
    assert selectors.shown_name(conversation, expert) == "Hibou"
    assert selectors.shown_name(conversation, company) == company.display_name
    message = services.message_send(
        conversation=conversation, author=expert, body="Bonjour"
    ).message
    event = message_event(message, conversation=conversation)
    assert event["message"]["author"]["name"] == "Hibou"
