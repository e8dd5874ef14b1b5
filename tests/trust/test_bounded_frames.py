"""Bounded input at the edges: the webhook's signature header, sockets on an
unknown path, characters a message cannot hold, and JSON fields of the needs
API in any shape (issue 15, item 2)."""

import json
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator, WebsocketCommunicator

from billing.models import StripeEvent
from config.asgi import application
from core.refusals import Refusal
from messaging import services
from messaging.models import Message, check_body
from missions.models import Need
from tests.billing.conftest import WEBHOOK_PATH, WEBHOOK_SECRET
from tests.messaging.conversation_factories import proposal_conversation
from tests.messaging.test_consumers import communicator, receive, run
from tests.missions import factories as f

ORIGIN = b"http://127.0.0.1"


@pytest.mark.django_db
def test_a_non_ascii_signature_header_is_a_400(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    for header in ("t=1,v1=é", "t=1,v1=\u2603" * 3, "x" * 5000):
        response = client.post(
            WEBHOOK_PATH,
            data=json.dumps({"id": "evt_1", "type": "invoice.paid", "data": {}}),
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_bare_asgi_webhook_refuses_a_non_ascii_signature(settings):
    from billing.asgi import stripe_webhook_app

    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET

    async def post():
        communicator = HttpCommunicator(
            stripe_webhook_app,
            "POST",
            WEBHOOK_PATH,
            body=b'{"id": "evt_1"}',
            headers=[(b"stripe-signature", "t=1,v1=é".encode())],
        )
        return (await communicator.get_response())["status"]

    assert async_to_sync(post)() == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize("path", ["/ws/nowhere/", "/", "/ws/conversations/not-a-uuid/"])
def test_a_socket_on_an_unknown_path_is_closed_with_4404(path):
    async def scenario():
        comm = WebsocketCommunicator(application, path, headers=[(b"origin", ORIGIN)])
        connected, _ = await comm.connect()
        assert connected
        output = await comm.receive_output(timeout=3)
        await comm.wait()
        return output

    output = run(scenario)
    assert output == {"type": "websocket.close", "code": 4404}


@pytest.mark.parametrize("body", ["a\x00b", "a\ud800b", "\udfff"])
def test_check_body_refuses_nul_and_lone_surrogates(body):
    with pytest.raises(Refusal) as refused:
        check_body(body)
    assert refused.value.code == "bad_character"


@pytest.mark.django_db(transaction=True)
def test_a_socket_frame_with_nul_or_a_lone_surrogate_is_refused():
    conversation, company, _ = proposal_conversation()
    comm = communicator(conversation.pk, company.user)

    async def scenario():
        await comm.connect()
        codes = []
        for escaped in ("a\\u0000b", "a\\ud800b", "\\udc00"):
            client_id = str(uuid.uuid4())
            frame = (
                f'{{"type": "send", "client_id": "{client_id}", "body": "{escaped}"}}'
            )
            await comm.send_to(text_data=frame)
            error = await receive(comm, "error")
            assert error["client_id"] == client_id
            codes.append(error["code"])
        await comm.send_to(text_data='{"type": "send", "x": ' + "[" * 5000 + "]" * 5000)
        codes.append((await receive(comm, "error"))["code"])
        await comm.disconnect()
        return codes

    assert run(scenario) == ["bad_character"] * 3 + ["not_json"]
    assert not Message.objects.filter(conversation=conversation).exists()


@pytest.mark.django_db
def test_the_api_refuses_nul_and_lone_surrogates_in_a_message(api_client):
    conversation, company, _ = proposal_conversation()
    api_client.force_authenticate(company.user)
    url = f"/api/conversations/{conversation.pk}/messages/"
    for body in ('{"body": "a\\u0000b"}', '{"body": "a\\ud800b"}'):
        response = api_client.post(url, data=body, content_type="application/json")
        assert response.status_code == 400, response.content
    with pytest.raises(Refusal):
        services.message_send(
            conversation=conversation, author=company, body="x\x00", client_id=None
        )
    assert not Message.objects.filter(conversation=conversation).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value",
    [
        ("screening_questions", {"a": 1}),
        ("screening_questions", [1, 2]),
        ("screening_questions", [["nested"]]),
        ("screening_questions", ["x" * 501]),
        ("screening_questions", ["q"] * 21),
        ("languages", "fr"),
        ("languages", [{"code": "fr"}]),
        ("languages", ["not a language"]),
    ],
)
def test_json_fields_of_the_needs_api_have_a_shape(api_client, field, value):
    api_client.force_authenticate(f.company().user)
    body = {
        "title": "Audit",
        "context": "Deux sites.",
        "deliverables": "Un rapport.",
        "proposals_deadline": "2099-01-01T12:00:00Z",
        field: value,
    }
    response = api_client.post("/api/needs/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_a_badly_shaped_published_need_does_not_break_experts_pages(client):
    bad = f.need_published()
    good = f.need_published()
    # written around the services, as data stored before the schemas could be
    Need.objects.filter(pk=bad.pk).update(
        screening_questions={"a": [1, {"b": None}]}, languages=[{"x": 1}, 7]
    )
    expert = f.expert()
    client.force_login(expert.user)
    for url in (
        f"/missions/needs/{bad.pk}/propose/",
        f"/missions/needs/{bad.pk}/",
        f"/missions/needs/{good.pk}/propose/",
        "/missions/needs/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        f"/missions/needs/{bad.pk}/propose/",
        {
            "approach": "Visite.",
            "duration_days": "10",
            "total": "9000",
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
