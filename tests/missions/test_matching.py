"""Matching in missions: matched experts to invite, recommended needs, proposals compared."""

import pytest
from django.urls import reverse

from marketplace.services import profile_refresh_index
from missions import matching, services
from missions.models import NeedInvitation
from tests.factories import paid
from tests.marketplace.factories import ExpertSkillFactory, ProfileFactory, SkillFactory
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def skilled():
    skill = SkillFactory()
    line = ExpertSkillFactory(skill=skill, level=4, profile=ProfileFactory())
    paid(line.profile.member)
    profile_refresh_index(profile=line.profile)
    return skill, line.profile.member


def test_company_invites_matched_experts_with_explanation(client, skilled):
    skill, expert = skilled
    need = f.need_draft(skills={skill.pk: 5})
    rows = matching.experts_for(need=need, viewer=need.author.user)
    assert [row.obj for row in rows] == [expert.pk]
    assert rows[0].score > 0 and rows[0].explanation
    client.force_login(need.author.user)
    html = client.get(need.get_absolute_url()).content.decode()
    assert f'value="{expert.pk}"' in html
    client.post(
        reverse("missions:need_invite", args=[need.pk]), {"experts": [expert.pk]}
    )
    assert NeedInvitation.objects.filter(need=need, expert=expert).exists()


def test_expert_sees_matching_needs_first_and_company_compares_with_scores(skilled):
    skill, expert = skilled
    other = f.need_published(title="Sans rapport")
    wanted = f.need_published(skills={skill.pk: 5}, title="Pile dans ses cordes")
    rows = matching.needs_recommended(member=expert)
    assert rows[0].obj == wanted and rows[0].score is not None
    assert other in [row.obj for row in rows]
    offer = f.proposal(wanted, by=expert)
    compared = matching.compare(
        need=wanted, proposals=[offer], viewer=wanted.author.user
    )
    assert compared[0].score == rows[0].score and compared[0].explanation


def test_need_skills_can_be_changed(skilled):
    skill, _expert = skilled
    need = f.need_draft(skills={skill.pk: 2})
    services.need_update(need=need, by=need.author.user, skills={skill.pk: 5})
    assert need.skills.get().weight == 5
    need.refresh_from_db()
    assert need.skill_weights == {str(skill.pk): 5} and need.skill_weight_total == 5


def test_api_sets_and_shows_need_skills(api_client, skilled):
    from django.urls import reverse as url_for

    skill, _expert = skilled
    buyer = f.company()
    api_client.force_authenticate(buyer.user)
    response = api_client.post(
        url_for("need-list"),
        {
            "title": "Besoin",
            "context": "c",
            "deliverables": "d",
            "proposals_deadline": "2099-01-01T12:00:00Z",
            "skills": {str(skill.pk): 4},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["skill_weights"] == {str(skill.pk): 4}


def test_api_recommends_needs_to_an_expert_best_match_first(api_client, skilled):
    skill, expert = skilled
    f.need_published(title="Sans rapport")
    wanted = f.need_published(skills={skill.pk: 5}, title="Pile dans ses cordes")
    api_client.force_authenticate(expert.user)
    response = api_client.get("/api/needs/recommended/")
    assert response.status_code == 200, response.content
    rows = response.json()
    assert rows[0]["need"]["id"] == str(wanted.pk)
    assert rows[0]["score"] > 0 and rows[0]["explanation"]
    assert rows[1]["score"] is None
    buyer = f.company()
    api_client.force_authenticate(buyer.user)
    assert api_client.get("/api/needs/recommended/").json() == []
