"""Conversation pages (they work without JavaScript) and the REST API."""

import datetime as dt
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from marketplace.models import Member
from messaging import services
from messaging.models import Message
from tests.factories import ExpertFactory
from tests.messaging.conversation_factories import proposal_conversation

pytestmark = pytest.mark.django_db


def test_page_lists_messages_escaped_with_links_and_marks_them_read(client):
    conversation, company, expert = proposal_conversation()
    services.message_send(
        conversation=conversation,
        author=company,
        body="<script>x</script> https://a.example",
    )
    client.force_login(expert.user)
    page = client.get(conversation.get_absolute_url())
    html = page.content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert 'href="https://a.example"' in html
    row = conversation.participants.get(member=expert)
    assert row.last_read_seq == 1


def test_plain_form_sends_once_even_when_submitted_twice(client):
    conversation, company, _ = proposal_conversation()
    client.force_login(company.user)
    data = {"body": "Bonjour", "client_id": str(uuid.uuid4())}
    for _ in range(2):
        response = client.post(conversation.get_absolute_url(), data)
        assert response.status_code == 302
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_plain_form_sends_an_attachment_downloadable_by_participants_only(
    client, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    conversation, company, expert = proposal_conversation()
    client.force_login(company.user)
    pdf = SimpleUploadedFile(
        "devis.pdf", b"%PDF-1.4 devis", content_type="application/pdf"
    )
    client.post(
        conversation.get_absolute_url(),
        {"body": "", "client_id": str(uuid.uuid4()), "attachment": pdf},
    )
    attachment = Message.objects.get(conversation=conversation).attachments.get()
    client.force_login(expert.user)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.force_login(ExpertFactory().user)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_outsider_gets_404(client):
    conversation, _, _ = proposal_conversation()
    client.force_login(ExpertFactory().user)
    assert client.get(conversation.get_absolute_url()).status_code == 404


def test_edit_and_delete_pages(client):
    conversation, company, _ = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    client.force_login(company.user)
    edit = reverse("missions:message_edit", args=[message.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"body": "Bonsoir"})
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "Bonsoir" in page and 'class="trace edited"' in page
    delete = reverse("missions:message_delete", args=[message.pk])
    # deleting asks once (a page without JavaScript), then deletes
    step = client.post(delete)
    assert step.status_code == 200 and 'name="confirmed"' in step.content.decode()
    message.refresh_from_db()
    assert message.deleted_at is None
    client.post(delete, {"confirmed": "1"})
    message.refresh_from_db()
    assert message.deleted_at is not None


def test_conversation_list_in_fixed_queries(client, django_assert_max_num_queries):
    expert = ExpertFactory()
    for _ in range(3):
        conversation, company, _ = proposal_conversation()
        conversation.participants.create(member=expert)
        services.message_send(conversation=conversation, author=company, body="Bonjour")
    client.force_login(expert.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("missions:conversations"))
    html = page.content.decode()
    assert html.count('class="conversation-row unread"') == 3
    assert html.count("1 non lu<") == 3


def test_api_lists_pages_and_sends_with_the_same_services(api_client):
    conversation, company, expert = proposal_conversation()
    api_client.force_authenticate(company.user)
    url = f"/api/conversations/{conversation.pk}/messages/"
    client_id = str(uuid.uuid4())
    first = api_client.post(
        url, {"body": "Bonjour", "client_id": client_id}, format="json"
    )
    again = api_client.post(
        url, {"body": "Bonjour", "client_id": client_id}, format="json"
    )
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    for n in range(3):
        api_client.post(url, {"body": f"n{n}"}, format="json")
    page = api_client.get(url, {"page_size": 2}).json()
    assert [m["body"] for m in page["results"]] == ["n2", "n1"]
    older = api_client.get(page["next"]).json()
    assert [m["body"] for m in older["results"]] == ["n0", "Bonjour"]
    api_client.force_authenticate(expert.user)
    listing = api_client.get("/api/conversations/").json()
    assert listing["results"][0]["unread"] == 4
    api_client.post(
        f"/api/conversations/{conversation.pk}/read/",
        {"up_to": first.json()["id"]},
        format="json",
    )
    assert api_client.get("/api/conversations/").json()["results"][0]["unread"] == 3


def test_api_refuses_outsiders_and_too_long_messages(api_client):
    conversation, company, _ = proposal_conversation()
    api_client.force_authenticate(ExpertFactory().user)
    url = f"/api/conversations/{conversation.pk}/messages/"
    assert api_client.get(url).status_code == 404
    api_client.force_authenticate(company.user)
    response = api_client.post(url, {"body": "x" * 5001}, format="json")
    assert response.status_code == 400 and "error" in response.json()


def test_api_schema_documents_conversations(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/conversations/{id}/messages/" in schema["paths"]


def _at(message, moment):
    Message.objects.filter(pk=message.pk).update(created_at=moment)


def _visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<[^>]+\bhidden\b[^>]*>.*?</(ul|span|div)>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


def test_times_are_shown_in_the_members_zone_in_one_format(client):
    """12:05 UTC on a winter day is 13 h 05 in Paris, the default zone; the day
    gets one separator in words; a reload shows the same."""
    conversation, company, expert = proposal_conversation()
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    _at(message, dt.datetime(2025, 1, 15, 12, 5, tzinfo=dt.UTC))
    client.force_login(expert.user)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert ">13\u00a0h\u00a005</time>" in html
    assert re.search(r'title="15 janvier 2025[^"]*13\u00a0h\u00a005"', html)
    assert 'data-day="2025-01-15"' in html and ">15 janvier 2025</time>" in html
    assert 'data-time-zone="Europe/Paris"' in html
    assert "janv." not in html  # no abbreviated month


@pytest.mark.skipif(
    not hasattr(Member, "time_zone"), reason="Member.time_zone not merged yet"
)
def test_times_follow_the_zone_the_member_chose(client):
    conversation, company, expert = proposal_conversation()
    expert.time_zone = "America/New_York"
    expert.save(update_fields=["time_zone"])
    message = services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    ).message
    # 02:30 UTC on the 16th is still the 15th in New York
    _at(message, dt.datetime(2025, 1, 16, 2, 30, tzinfo=dt.UTC))
    client.force_login(expert.user)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert ">21\u00a0h\u00a030</time>" in html and 'data-day="2025-01-15"' in html
    assert 'data-time-zone="America/New_York"' in html


def test_messages_are_grouped_by_day_with_today_and_yesterday(client):
    conversation, company, expert = proposal_conversation()
    now = timezone.now()
    for body, moment in [
        ("Avant-hier", now - dt.timedelta(days=2)),
        ("Hier", now - dt.timedelta(days=1)),
        ("Aujourd'hui", now),
    ]:
        sent = services.message_send(
            conversation=conversation, author=company, body=body
        )
        _at(sent.message, moment)
    client.force_login(expert.user)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert html.count('class="day-separator"') == 3
    assert ">Hier</time>" in html and ">Aujourd\u2019hui</time>" in html


def test_own_message_read_by_the_other_shows_read_in_words(client):
    conversation, company, expert = proposal_conversation()
    first = services.message_send(
        conversation=conversation, author=company, body="Lu ?"
    ).message
    services.message_send(conversation=conversation, author=company, body="Pas lu")
    services.conversation_mark_read(
        conversation=conversation, member=expert, up_to_seq=first.seq
    )
    client.force_login(company.user)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert '<span class="status" data-status="read">Lu</span>' in html
    assert '<span class="status" data-status="sent">Envoyé</span>' in html
    assert 'class="msg mine"' in html and 'role="log"' in html


MACHINE_TEXT = [
    re.compile(r"\b[a-z]+_[a-z_]+\b"),  # snake_case
    re.compile(r"\b[a-z]+\.[a-z]+\.[a-z_.]+\b"),  # dotted keys
    re.compile(r"→"),
    re.compile(r"(?i)message \d+|read up to|lu jusqu"),
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_conversation_pages_show_no_technical_text(client, language):
    conversation, company, expert = proposal_conversation()
    services.message_send(conversation=conversation, author=company, body="Bonjour")
    services.message_send(conversation=conversation, author=expert, body="Merci")
    services.message_post_system(conversation=conversation, event="complete", data={})
    client.force_login(company.user)
    client.cookies["django_language"] = language
    for url in (reverse("missions:conversations"), conversation.get_absolute_url()):
        text = _visible_text(
            client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        )
        for pattern in MACHINE_TEXT:
            assert not pattern.search(text), (url, pattern, pattern.search(text))


def test_empty_list_says_how_a_conversation_opens(client):
    client.force_login(ExpertFactory().user)
    html = client.get(reverse("missions:conversations")).content.decode()
    assert "Aucune conversation pour l\u2019instant" in html
