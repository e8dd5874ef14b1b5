"""Forms a person can fill in: euros, French dates, skills and languages by
name, countries by name; bad input refused with a clear message, nothing saved."""

import datetime as dt

import pytest
from django.urls import reverse

from core.form_fields import EuroField
from marketplace.models import ExpertProfile, ExpertSkill, Skill
from tests.marketplace.factories import ExpertSkillFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def profile_data(**changes):
    data = {
        "headline": "Ingénieure qualité",
        "days_per_week": "4",
        "country": "BE",
        "remote": "hybrid",
        "languages": ["fr", "nl"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("650", 65_000),
        ("650,50", 65_050),
        ("650.50", 65_050),
        ("1 250", 125_000),
        ("1\u202f250,5", 125_050),
        ("700 €", 70_000),
    ],
)
def test_day_rate_is_typed_in_euros_and_kept_in_cents(
    expert_client, expert, typed, cents
):
    response = expert_client.post(
        reverse("marketplace:profile_edit"), profile_data(day_rate=typed)
    )
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(member=expert)
    assert profile.day_rate_cents == cents
    assert profile.country == "BE"
    assert profile.languages == ["fr", "nl"]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("day_rate", "-650", "ne peut pas être négatif"),
        ("day_rate", "six cents", "Tapez un montant en euros"),
        ("day_rate", "650,555", "deux décimales au plus"),
        ("day_rate", "250000", "tapez au plus 10\u202f000\u00a0€"),
        ("available_from", "31/02/2027", "jour/mois/année"),
        ("country", "XX", "Sélectionnez un choix valide"),
        ("languages", ["klingon"], "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    expert_client, expert, field, typed, message
):
    profile = ProfileFactory(member=expert, headline="Avant", day_rate_cents=60_000)
    response = expert_client.post(
        reverse("marketplace:profile_edit"), profile_data(**{field: typed})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert (profile.headline, profile.day_rate_cents) == ("Avant", 60_000)


def test_availability_is_typed_in_the_french_format(expert_client, expert):
    expert_client.post(
        reverse("marketplace:profile_edit"), profile_data(available_from="15/09/2027")
    )
    profile = ExpertProfile.objects.get(member=expert)
    assert profile.available_from == dt.date(2027, 9, 15)
    page = expert_client.get(reverse("marketplace:profile_edit")).content.decode()
    # a date picker (type="date", ISO value), its format said in French
    assert 'type="date" name="available_from" value="2027-09-15"' in page
    assert "Date\u00a0: jj/mm/aaaa." in page


def test_editor_shows_the_rate_in_euros_and_names_not_codes(expert_client, expert):
    ProfileFactory(member=expert, day_rate_cents=65_050, country="BE")
    page = expert_client.get(reverse("marketplace:profile_edit")).content.decode()
    assert 'value="650,50"' in page
    assert ">Belgique</option>" in page
    assert ">Néerlandais</option>" in page
    assert "data-picker" in page


def test_skill_picked_by_its_french_name(expert_client, expert):
    profile = ProfileFactory(member=expert)
    skill = Skill.objects.get(name_fr="Management de la qualité")
    response = expert_client.post(
        reverse("marketplace:profile_skills"),
        {"skill": "management de la qualité", "level": "3"},
    )
    assert response.status_code == 302
    assert ExpertSkill.objects.get(profile=profile).skill == skill


def test_several_skills_added_at_once_from_the_picker(expert_client, expert):
    profile = ProfileFactory(member=expert)
    skills = list(Skill.objects.filter(name_fr__in=["Achats", "Comptabilité"]))
    expert_client.post(
        reverse("marketplace:profile_skills"),
        {"skills": [str(s.pk) for s in skills], "level": "4"},
    )
    lines = ExpertSkill.objects.filter(profile=profile)
    assert {line.skill for line in lines} == set(skills)
    assert {line.level for line in lines} == {4}


def test_one_unknown_skill_in_the_picker_adds_none(expert_client, expert):
    profile = ProfileFactory(member=expert)
    skill = Skill.objects.get(name_fr="Achats")
    response = expert_client.post(
        reverse("marketplace:profile_skills"),
        {"skills": [str(skill.pk), "astrologie"], "level": "4"},
    )
    assert response.status_code == 302
    assert not ExpertSkill.objects.filter(profile=profile).exists()


def test_skill_picker_shows_names_in_the_reader_language(expert_client, expert):
    ProfileFactory(member=expert)
    page = expert_client.get(
        reverse("marketplace:profile_edit"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Quality management</option>" in page
    assert "quality-management" not in page


def test_quick_match_form_takes_skills_by_name_with_importance(company_client):
    expert_line = ExpertSkillFactory(
        skill=Skill.objects.get(name_fr="Comptabilité"), level=4
    )
    response = company_client.get(
        reverse("marketplace:match"),
        {
            "skill_1": "Comptabilité",
            "weight_1": "5",
            "remote": "hybrid",
            "budget_max": "800",
        },
    )
    assert response.status_code == 200
    assert expert_line.profile.headline in response.content.decode()


def test_quick_match_without_a_skill_asks_for_one(company_client):
    response = company_client.get(reverse("marketplace:match"), {"remote": "hybrid"})
    assert "Choisissez au moins une compétence" in response.content.decode()


def test_search_filters_by_skill_and_rate_in_euros(client, company_member):
    line = ExpertSkillFactory(skill=Skill.objects.get(name_fr="Achats"))
    other = ProfileFactory(day_rate_cents=90_000)
    client.force_login(company_member.user)
    page = client.get(
        reverse("marketplace:search"),
        {"skill": str(line.skill.pk), "max_rate": "650,00"},
    ).content.decode()
    assert line.profile.headline in page
    assert other.headline not in page


def test_euro_field_shows_cents_as_euros():
    field = EuroField()
    assert field.prepare_value(65_000) == "650"
    assert field.clean("0") == 0


def test_deleting_an_experience_asks_once_then_deletes(expert_client, expert):
    from tests.marketplace.factories import ExperienceFactory

    experience = ExperienceFactory(profile=ProfileFactory(member=expert))
    url = reverse("marketplace:experience_action", args=[experience.pk])
    page = expert_client.post(url, {"action": "delete"})
    assert page.status_code == 200
    assert "irréversible" in page.content.decode()
    assert type(experience).objects.filter(pk=experience.pk).exists()
    response = expert_client.post(url, {"action": "delete", "confirmed": "1"})
    assert response.status_code == 302
    assert not type(experience).objects.filter(pk=experience.pk).exists()
