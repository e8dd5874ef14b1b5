"""Pages and API of missions: constant queries on lists, refusals, uploads, buttons."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from missions import services
from missions.models import Mission, Need
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def count_queries(client, url, show=False) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    if show:
        for query in ctx.captured_queries:
            print(query["sql"][:150])
    return len(ctx.captured_queries)


def test_mission_lists_and_page_use_constant_queries(client):
    first = f.mission(state="delivered")
    buyer, seller = first.need.author, first.expert
    client.force_login(buyer.user)
    urls = [reverse("missions:missions"), reverse("missions:needs")]
    before = [count_queries(client, url) for url in urls]
    page_before = count_queries(client, reverse("missions:mission", args=[first.pk]))
    for _ in range(4):
        need = f.need_published(buyer)
        offer = f.proposal(need, by=seller)
        mission = services.proposal_accept(proposal=offer, by=buyer.user)
        services.mission_confirm(mission=mission, by=seller.user)
        services.mission_deliver(mission=mission, by=seller.user, message="x")
    services.mission_request_changes(mission=first, by=buyer.user, reason="encore")
    services.mission_deliver(mission=first, by=seller.user, message="v2")
    assert [count_queries(client, url) for url in urls] == before
    assert (
        count_queries(client, reverse("missions:mission", args=[first.pk]))
        == page_before
    )
    assert page_before <= 30
    client.force_login(seller.user)
    expert_urls = [reverse("missions:missions"), reverse("missions:proposals")]
    counts = [count_queries(client, url) for url in expert_urls]
    f.proposal(f.need_published(), by=seller)
    assert [count_queries(client, url) for url in expert_urls] == counts


def test_api_mission_list_constant_queries(api_client):
    first = f.mission(state="active")
    from marketplace.models import User

    api_client.force_authenticate(User.objects.get(pk=first.expert.user_id))
    url = reverse("mission-list")
    with CaptureQueriesContext(connection) as one:
        api_client.get(url)
    for _ in range(3):
        offer = f.proposal(by=first.expert)
        services.proposal_accept(proposal=offer, by=offer.need.author.user)
    api_client.force_authenticate(User.objects.get(pk=first.expert.user_id))
    with CaptureQueriesContext(connection) as four:
        response = api_client.get(url)
    assert response.json()["count"] == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_buttons_show_only_what_viewer_may_do(client):
    mission = f.mission(state="delivered")
    client.force_login(f.buyer_of(mission))
    html = client.get(mission.get_absolute_url()).content.decode()
    assert 'data-action="complete"' in html and 'data-action="request_changes"' in html
    assert 'data-action="deliver"' not in html
    client.force_login(f.seller_of(mission))
    html = client.get(mission.get_absolute_url()).content.decode()
    assert 'data-action="complete"' not in html and 'data-action="dispute"' in html


def test_page_refusal_is_a_message_and_changes_nothing(client):
    mission = f.mission(state="active")
    client.force_login(f.buyer_of(mission))
    url = reverse("missions:mission_action", args=[mission.pk, "complete"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert b"alert-danger" in response.content
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE


def test_api_refusals_are_409_and_403_with_shared_body(api_client):
    mission = f.mission(state="active")
    api_client.force_authenticate(f.buyer_of(mission))
    response = api_client.post(
        reverse("mission-complete", args=[mission.pk]), {}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    response = api_client.post(
        reverse("mission-deliver", args=[mission.pk]), {"message": "x"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE


def test_api_runs_a_need_to_completion(api_client):
    buyer, seller = f.company(), f.expert()
    api_client.force_authenticate(buyer.user)
    response = api_client.post(
        reverse("need-list"),
        {
            "title": "Refonte ERP",
            "context": "PME",
            "deliverables": "Cahier des charges",
            "proposals_deadline": "2099-01-01T12:00:00Z",
            "budget_min_cents": 100,
            "budget_max_cents": 200,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    need_id = response.json()["id"]
    assert "publish" in response.json()["available_actions"]
    assert api_client.post(reverse("need-publish", args=[need_id])).status_code == 200
    api_client.force_authenticate(seller.user)
    response = api_client.post(
        reverse("proposal-list"),
        {"need": need_id, "approach": "Ateliers", "total_cents": 150},
        format="json",
    )
    assert response.status_code == 201, response.json()
    proposal_id = response.json()["id"]
    response = api_client.patch(
        reverse("proposal-detail", args=[proposal_id]),
        {"total_cents": 140},
        format="json",
    )
    assert response.status_code == 200 and response.json()["revision"] == 2
    api_client.force_authenticate(buyer.user)
    response = api_client.post(reverse("proposal-accept", args=[proposal_id]))
    assert response.status_code == 201
    mission_id = response.json()["id"]
    api_client.force_authenticate(seller.user)
    assert (
        api_client.post(reverse("mission-confirm", args=[mission_id])).status_code
        == 200
    )
    upload = SimpleUploadedFile(
        "cdc.pdf", b"%PDF-1.4 cdc", content_type="application/pdf"
    )
    response = api_client.post(
        reverse("mission-deliver", args=[mission_id]),
        {"message": "Cahier", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["state"] == "delivered"
    api_client.force_authenticate(buyer.user)
    response = api_client.post(reverse("mission-complete", args=[mission_id]))
    assert response.json()["state"] == "completed"
    response = api_client.post(
        reverse("mission-review", args=[mission_id]),
        {"ratings": {"quality": 5, "communication": 5, "deadlines": 4}, "text": "Bien"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["reviews"][0]["published_at"] is None


def test_upload_checked_by_content_and_size(client, settings):
    mission = f.mission(state="active")
    client.force_login(f.seller_of(mission))
    url = reverse("missions:mission_action", args=[mission.pk, "deliver"])
    fake = SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00\x03\x00binary", content_type="application/pdf"
    )
    response = client.post(url, {"message": "x", "files": [fake]}, follow=True)
    assert (
        b"not an accepted type" in response.content
        or b"pas un type" in response.content
    )
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE
    settings.MISSIONS_MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("big.txt", b"a" * 11, content_type="text/plain")
    client.post(url, {"message": "x", "files": [big]})
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE


def test_files_are_stored_outside_the_web_root(settings):
    mission = f.mission(state="active")
    upload = SimpleUploadedFile(
        "a.png", b"\x89PNG\r\n\x1a\nxx", content_type="image/png"
    )
    delivery = services.mission_deliver(
        mission=mission, by=f.seller_of(mission), message="x", files=[upload]
    )
    path = delivery.files.get().file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.STATIC_ROOT))


def test_restricted_need_is_404_for_uninvited_expert(client):
    need = f.need_published(visibility=Need.Visibility.INVITED)
    invited, stranger = f.expert(), f.expert()
    services.need_invite(need=need, by=need.author.user, experts=[invited])
    client.force_login(stranger.user)
    assert client.get(need.get_absolute_url()).status_code == 404
    assert need.title.encode() not in client.get(reverse("missions:needs")).content
    client.force_login(invited.user)
    assert client.get(need.get_absolute_url()).status_code == 200


def test_company_creates_need_through_the_form(client):
    buyer = f.company()
    client.force_login(buyer.user)
    response = client.post(
        reverse("missions:need_new"),
        {
            "title": "Étude de marché",
            "context": "Export",
            "deliverables": "Rapport",
            "place": "remote",
            "duration_days": 10,
            "contract_type": "fixed",
            "proposals_deadline": "2099-01-01T12:00",
            "visibility": "members",
            "budget_min": "1000",
            "budget_max": "2000,50".replace(",", "."),
            "languages": ["fr", "en"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    need = Need.objects.get(title="Étude de marché")
    assert need.budget_max_cents == 200_050 and need.languages == ["fr", "en"]


def test_pseudonymous_expert_shown_by_alias_until_confirmation(client):
    from marketplace.models import ExpertProfile

    seller = f.expert()
    ExpertProfile.objects.create(member=seller, pseudonymous=True, alias="Hirondelle")
    offer = f.proposal(by=seller, reveal_identity=False)
    buyer = offer.need.author
    client.force_login(buyer.user)
    html = client.get(offer.need.get_absolute_url()).content.decode()
    assert "Hirondelle" in html and seller.display_name not in html
    mission = services.proposal_accept(proposal=offer, by=buyer.user)
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "Hirondelle" in html and seller.display_name not in html
    services.mission_confirm(mission=mission, by=seller.user)
    html = client.get(mission.get_absolute_url()).content.decode()
    assert seller.display_name in html


def test_api_mission_detail_lists_deliveries_with_files_in_constant_queries(api_client):
    from marketplace.models import User

    mission = f.mission(state="delivered")
    url = reverse("mission-detail", args=[mission.pk])

    def fetch():
        api_client.force_authenticate(User.objects.get(pk=mission.need.author.user_id))
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(url)
        return response, len(ctx.captured_queries)

    _response, before = fetch()
    services.mission_request_changes(
        mission=mission, by=f.buyer_of(mission), reason="v2"
    )
    upload = SimpleUploadedFile("v2.txt", b"version 2", content_type="text/plain")
    services.mission_deliver(
        mission=mission, by=f.seller_of(mission), message="v2", files=[upload]
    )
    response, after = fetch()
    deliveries = response.json()["deliveries"]
    assert len(deliveries) == 2 and deliveries[1]["files"][0]["name"] == "v2.txt"
    assert after == before
