import pytest

from governance import services
from governance.models import Ballot, Motion
from tests.factories import ExpertFactory

from .factories import after, in_deliberation, in_voting, rule_motion, voter

pytestmark = pytest.mark.django_db


def test_draft_submit_and_open_vote_through_the_api(api_client):
    author = voter()
    api_client.force_authenticate(author.user)
    response = api_client.post(
        "/api/motions/",
        {
            "kind": "rules",
            "title": "Cheaper",
            "rationale": "why",
            "changes": {"fees.expert.yearly_cents": 9000},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    motion_id = response.json()["id"]
    assert (
        api_client.post(f"/api/motions/{motion_id}/submit/").json()["state"]
        == "deliberation"
    )
    refused = api_client.post(f"/api/motions/{motion_id}/open-vote/")
    assert (
        refused.status_code == 409
        and refused.json()["error"]["code"] == "sponsors_missing"
    )
    for _ in range(3):
        api_client.force_authenticate(voter().user)
        assert api_client.post(f"/api/motions/{motion_id}/sponsor/").status_code == 200
    api_client.force_authenticate(author.user)
    assert (
        api_client.post(f"/api/motions/{motion_id}/open-vote/").json()["state"]
        == "voting"
    )


def test_invalid_value_refused_by_the_api(api_client):
    api_client.force_authenticate(voter().user)
    response = api_client.post(
        "/api/motions/",
        {
            "kind": "rules",
            "title": "x",
            "rationale": "y",
            "changes": {"missions.auto_accept_days": 1},
        },
        format="json",
    )
    assert (
        response.status_code == 400 and "changes" in response.json()["error"]["fields"]
    )
    assert not Motion.objects.exists()


def test_ballot_twice_via_api_is_409_and_changes_nothing(api_client):
    motion = in_voting()
    member = voter()
    api_client.force_authenticate(member.user)
    url = f"/api/motions/{motion.pk}/ballot/"
    first = api_client.post(url, {"choice": "for"}, format="json")
    assert first.status_code == 201 and first.json()["receipt"]
    second = api_client.post(url, {"choice": "against"}, format="json")
    assert (
        second.status_code == 409 and second.json()["error"]["code"] == "already_voted"
    )
    changed = api_client.post(
        url, {"choice": "against", "receipt": first.json()["receipt"]}, format="json"
    )
    assert changed.status_code == 201
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["against"]


def test_ballot_without_membership_is_403(api_client):
    motion = in_voting()
    api_client.force_authenticate(ExpertFactory().user)
    response = api_client.post(
        f"/api/motions/{motion.pk}/ballot/", {"choice": "for"}, format="json"
    )
    assert response.status_code == 403 and not Ballot.objects.exists()


def test_ballot_on_deliberation_is_409(api_client):
    motion = in_deliberation(rule_motion())
    api_client.force_authenticate(voter().user)
    response = api_client.post(
        f"/api/motions/{motion.pk}/ballot/", {"choice": "for"}, format="json"
    )
    assert response.status_code == 409


def test_results_and_receipt_are_public_after_close_only(api_client):
    motion = in_voting()
    receipt = services.ballot_cast(
        motion=motion, member=voter(), choice="abstain", now=motion.voting_opens_at
    )
    assert api_client.get(f"/api/motions/{motion.pk}/results/").status_code == 404
    services.motion_close(motion=motion, now=after(motion))
    results = api_client.get(f"/api/motions/{motion.pk}/results/").json()
    assert (
        results["ballot_count"] == 1
        and results["tally"]["colleges"]["experts"]["abstain"] == 1
    )
    check = api_client.get(
        f"/api/motions/{motion.pk}/receipt/", {"receipt": receipt}
    ).json()
    assert check["found"] and check["choice"] == "abstain"


def test_amendment_flow_through_the_api(api_client):
    motion = in_deliberation(rule_motion(), sponsors=0)
    api_client.force_authenticate(voter().user)
    response = api_client.post(
        f"/api/motions/{motion.pk}/amendments/",
        {"rationale": "less", "changes": {"fees.expert.yearly_cents": 10000}},
        format="json",
    )
    assert response.status_code == 201
    amendment_id = response.json()["id"]
    assert api_client.post(f"/api/amendments/{amendment_id}/accept/").status_code == 403
    api_client.force_authenticate(motion.author.user)
    assert (
        api_client.post(f"/api/amendments/{amendment_id}/accept/").json()["state"]
        == "accepted"
    )
    assert api_client.get(f"/api/motions/{motion.pk}/").json()["changes"] == {
        "fees.expert.yearly_cents": 10000
    }


def test_governance_endpoints_are_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/motions/",
        "/api/motions/{id}/ballot/",
        "/api/motions/{id}/results/",
        "/api/motions/{id}/receipt/",
        "/api/amendments/{id}/accept/",
        "/api/rules/",
    ):
        assert path in schema["paths"], path


def test_author_edits_a_draft_but_not_after_submission(api_client):
    motion = rule_motion()
    api_client.force_authenticate(motion.author.user)
    url = f"/api/motions/{motion.pk}/"
    response = api_client.patch(
        url, {"changes": {"fees.expert.yearly_cents": 9500}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["changes"] == {"fees.expert.yearly_cents": 9500}
    bad = api_client.patch(
        url, {"changes": {"fees.expert.yearly_cents": -5}}, format="json"
    )
    assert bad.status_code == 400
    api_client.force_authenticate(voter().user)
    # a draft is nobody's business but its writers': not even there for others
    assert api_client.patch(url, {"title": "Mine"}, format="json").status_code == 404
    api_client.force_authenticate(motion.author.user)
    api_client.post(f"/api/motions/{motion.pk}/submit/")
    assert api_client.patch(url, {"title": "Late"}, format="json").status_code == 409
    motion.refresh_from_db()
    assert motion.title == "Change a rule"
    assert motion.revisions.get().changes == {"fees.expert.yearly_cents": 9500}
