"""Conversation pages (they work without JavaScript) and the REST API."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
    client.post(reverse("missions:message_delete", args=[message.pk]))
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
    assert page.content.decode().count("<strong>1</strong>") == 3


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
