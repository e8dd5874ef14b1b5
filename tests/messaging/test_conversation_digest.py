"""The e-mail digest of unread messages for members who are away."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.services import email_preferences_set
from messaging import services
from messaging.models import Conversation, Participant
from messaging.timers import messages_send_digests
from tests.messaging.conversation_factories import proposal_conversation

pytestmark = pytest.mark.django_db


def quiet_for(conversation, minutes):
    past = timezone.now() - dt.timedelta(minutes=minutes)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=past)
    Participant.objects.filter(conversation=conversation).update(last_seen_at=past)


def test_away_member_gets_one_digest(django_capture_on_commit_callbacks):
    conversation, company, expert = proposal_conversation()
    for text in ("Bonjour", "Vous êtes là ?"):
        services.message_send(conversation=conversation, author=company, body=text)
    quiet_for(conversation, 30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_send_digests() == 1
    assert [m.to for m in mail.outbox] == [[expert.user.email]]
    assert "2" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_send_digests() == 0  # reported once


def test_no_digest_while_the_conversation_is_active_or_read():
    conversation, company, expert = proposal_conversation()
    services.message_send(conversation=conversation, author=company, body="Bonjour")
    assert messages_send_digests() == 0  # too recent
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=1
    )
    quiet_for(conversation, 30)
    assert messages_send_digests() == 0  # read


def test_member_who_turned_digests_off_gets_no_email(
    django_capture_on_commit_callbacks,
):
    conversation, company, expert = proposal_conversation()
    email_preferences_set(member=expert, choices={"messages.digest": False})
    services.message_send(conversation=conversation, author=company, body="Bonjour")
    quiet_for(conversation, 30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        messages_send_digests()
    assert mail.outbox == []
