"""The profiles API: bad input, hide list, pseudonymity, matching explanations."""

import json

import pytest
from django.urls import reverse

from marketplace import services
from marketplace.models import ExpertProfile, Skill
from tests.factories import ExpertFactory, paid
from tests.marketplace.factories import (
    ExperienceFactory,
    ExpertSkillFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert_api(api_client, expert):
    api_client.force_authenticate(expert.user)
    return api_client


@pytest.fixture
def company_api(api_client, company_member):
    api_client.force_authenticate(company_member.user)
    return api_client


def test_expert_edits_and_publishes_their_profile(expert_api):
    url = reverse("api-profile")
    response = expert_api.patch(
        url,
        {
            "headline": "Cheffe de projet ERP",
            "day_rate_cents": 55_000,
            "languages": ["fr"],
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["card"]["status"] == "draft"
    response = expert_api.post(reverse("api-profile-publish"))
    assert response.json()["card"]["status"] == "published"


@pytest.mark.parametrize(
    "body",
    [
        {"day_rate_cents": -100},
        {"summary": "x" * 5001},
        {"languages": ["xx"]},
        {"links": ["ftp://example.org"]},
        {"pseudonymous": True, "alias": ""},
    ],
)
def test_bad_profile_input_is_refused_with_the_shared_error_shape(
    expert_api, expert, body
):
    ProfileFactory(member=expert, headline="Inchangé")
    response = expert_api.patch(reverse("api-profile"), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert ExpertProfile.objects.get(member=expert).headline == "Inchangé"


def test_unknown_skill_is_refused(expert_api, expert):
    ProfileFactory(member=expert)
    response = expert_api.post(
        reverse("api-profile-skills"),
        {"skill": "no-such-skill", "level": 2},
        format="json",
    )
    assert response.status_code == 400
    assert "skill" in response.json()["error"]["fields"]
    response = expert_api.post(
        reverse("api-profile-skills"), {"skill": "python", "level": 7}, format="json"
    )
    assert response.status_code == 400


def test_hidden_profile_is_a_404_like_a_missing_one_and_absent_from_search(
    company_api, company_member
):
    profile = ProfileFactory(headline="Experte paie")
    services.hidden_from_add(profile=profile, organization=company_member.organization)
    hidden = company_api.get(reverse("api-expert", kwargs={"profile_id": profile.pk}))
    missing = company_api.get(
        reverse(
            "api-expert", kwargs={"profile_id": "01935c3e-0000-7000-8000-000000000000"}
        )
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    listing = company_api.get(reverse("api-experts"), {"q": "paie"}).json()
    assert listing["count"] == 0


def test_pseudonymous_data_never_appears_in_api_payloads(company_api, company_member):
    member = ExpertFactory(display_name="Élodie Garnier")
    profile = ProfileFactory(member=member, headline="Analyste de données bancaires")
    ExperienceFactory(profile=profile, employer="Banque Secrète")
    services.profile_update(
        profile=profile,
        by=member.user,
        pseudonymous=True,
        alias="Analyste A7",
        links=["https://elodie-garnier.example.org"],
    )
    skill = Skill.objects.get(slug="data-analysis")
    services.expert_skill_set(profile=profile, skill_id=skill.pk, level=4)
    payloads = [
        company_api.get(reverse("api-experts")).content,
        company_api.get(reverse("api-experts"), {"q": "bancaires"}).content,
        company_api.get(
            reverse("api-expert", kwargs={"profile_id": profile.pk})
        ).content,
        company_api.post(
            reverse("api-match-experts"),
            {"skills": {"data-analysis": 5}},
            format="json",
        ).content,
    ]
    for payload in payloads:
        text = payload.decode()
        assert "Analyste A7" in text
        for secret in ("Élodie", "Elodie", "Garnier", "garnier", "Banque Secrète"):
            assert secret not in text
    assert (
        company_api.get(reverse("api-experts"), {"q": "Garnier"}).json()["count"] == 0
    )


def test_match_returns_experts_with_an_explanation_per_part(company_api):
    skill = Skill.objects.get(slug="lean-management")
    strong = ExpertSkillFactory(skill=skill, level=4).profile
    weak = ExpertSkillFactory(skill=skill, level=1).profile
    for profile in (strong, weak):
        services.profile_refresh_index(profile=profile)
    response = company_api.post(
        reverse("api-match-experts"),
        {
            "skills": {"lean-management": 5},
            "languages": ["fr"],
            "budget_max_cents": 70_000,
        },
        format="json",
    )
    assert response.status_code == 200
    results = response.json()
    assert [r["expert"]["id"] for r in results] == [str(strong.pk), str(weak.pk)]
    parts = results[0]["explanation"]["parts"]
    assert [part["name"] for part in parts] == [
        "skills",
        "appetence",
        "availability",
        "rate",
        "language",
        "location",
    ]
    assert sum(part["points"] for part in parts) == pytest.approx(
        results[0]["explanation"]["score"], abs=0.2
    )


def test_match_refuses_unknown_skills_and_bad_weights(company_api):
    for body in (
        {"skills": {"astrology": 3}},
        {"skills": {"python": 9}},
        {"skills": {}},
    ):
        response = company_api.post(reverse("api-match-experts"), body, format="json")
        assert response.status_code == 400


def test_matching_weights_are_public(api_client):
    response = api_client.get(reverse("api-matching-weights"))
    assert response.status_code == 200
    assert response.json()["weights"]["skills"] == 40
    assert response.json()["history"]


def test_export_of_a_counsellor_names_a_pseudonymous_profile_by_its_alias(api_client):
    owner = ExpertFactory(display_name="Élodie Garnier")
    profile = ProfileFactory(member=owner)
    services.profile_update(
        profile=profile, by=owner.user, pseudonymous=True, alias="A7"
    )
    counsellor = paid(ExpertFactory())
    services.counsellor_invite(profile=profile, email=counsellor.user.email)
    services.profile_comment_add(
        profile=profile, author=counsellor, body="Ajoute tes chiffres"
    )
    api_client.force_authenticate(counsellor.user)
    data = api_client.get(reverse("api-my-export")).json()
    text = json.dumps(data, ensure_ascii=False)
    assert "Ajoute tes chiffres" in text and '"A7"' in text
    assert "Garnier" not in text


def test_api_schema_documents_the_profile_endpoints(api_client, expert):
    api_client.force_authenticate(expert.user)
    schema = api_client.get("/api/schema/").content.decode()
    for path in (
        "/api/experts/",
        "/api/matching/experts/",
        "/api/skills/",
        "/api/organization/",
    ):
        assert path in schema


def test_company_cannot_edit_an_expert_profile(company_api):
    assert (
        company_api.patch(reverse("api-profile"), {}, format="json").status_code == 403
    )
