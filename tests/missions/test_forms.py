"""Forms of the missions pages: euros typed as people write them, milestones as rows."""

import pytest
from django.utils import translation

from marketplace.models import Skill
from missions.forms import NeedForm, ProposalForm
from missions.models import Need, Proposal
from tests.missions import factories as f


@pytest.mark.django_db
def test_the_forms_use_the_one_euro_field():
    """Missions read amounts through core's field (its edge cases: tests/core)."""
    with translation.override("fr"):
        form = NeedForm(_need_data(budget_min="1\u202f200,50 €", budget_max="nan"))
        assert not form.is_valid()
        assert "deux décimales au plus" in form.errors["budget_max"][0]
        assert form.cleaned_data["budget_min"] == 120_050


def _need_data(**fields):
    data = {
        "title": "Audit",
        "context": "Deux sites.",
        "deliverables": "Un rapport.",
        "place": "remote",
        "duration_days": "10",
        "contract_type": "fixed",
        "proposals_deadline": "2099-01-01T12:00",
        "visibility": "members",
        "budget_min": "5 000",
        "budget_max": "15 000,50",
        "languages": ["fr", "en"],
    }
    data.update(fields)
    return data


@pytest.mark.django_db
def test_need_form_keeps_cents_languages_and_skills_by_name():
    member = f.company()
    skill = Skill.objects.filter(status=Skill.Status.APPROVED).first()
    if skill is None:
        skill = Skill.objects.create(
            slug="audit-energie", name_fr="Audit énergétique", name_en="Energy audit"
        )
    form = NeedForm(_need_data(skills_essential=[str(skill.pk)]), member=member)
    assert form.is_valid(), form.errors
    fields = form.service_fields()
    assert fields["budget_min_cents"] == 500_000
    assert fields["budget_max_cents"] == 1_500_050
    assert fields["languages"] == ["fr", "en"]
    assert fields["skills"] == {skill.pk: 5}
    with translation.override("fr"):
        html = str(NeedForm(member=member)["skills_essential"])
    assert "data-picker" in html and "multiple" in html
    assert f">{skill.name_fr}</option>" in html


@pytest.mark.django_db
def test_need_skills_use_the_marketplace_picker_and_read_names():
    """One skill picker (marketplace's): a French or English name is read too,
    and an unknown one is refused by name."""
    skill = Skill.objects.create(
        slug="paie-test", name_fr="Paie et rémunération", name_en="Payroll test"
    )
    skill.status = Skill.Status.APPROVED
    skill.save()
    data = _need_data(
        skills_essential=["paie et rémunération"], skills_useful=["Payroll test"]
    )
    form = NeedForm(data, member=f.company())
    assert form.is_valid(), form.errors
    assert form.service_fields()["skills"] == {skill.pk: 5}
    with translation.override("fr"):
        form = NeedForm(_need_data(skills_useful=["Klingon"]), member=f.company())
        assert not form.is_valid()
        assert "Klingon" in form.errors["skills_useful"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("budget", ["-100", "nan", "1e12", "beaucoup", "50000000"])
def test_a_refused_budget_changes_nothing(client, budget):
    member = f.company()
    client.force_login(member.user)
    before = Need.objects.count()
    response = client.post(
        "/missions/needs/new/", _need_data(budget_max=budget), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    assert Need.objects.count() == before
    assert response.context["form"].errors["budget_max"]


@pytest.mark.django_db
def test_budget_top_below_bottom_is_refused():
    form = NeedForm(_need_data(budget_min="2000", budget_max="1000"), member=None)
    assert not form.is_valid()
    assert "budget_max" in form.errors


def _proposal_data(rows, total="9000", **fields):
    data = {
        "approach": "Visite, mesures, rapport.",
        "duration_days": "10",
        "total": total,
        "milestones-TOTAL_FORMS": str(len(rows)),
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"milestones-{index}-{key}"] = value
    data.update(fields)
    return data


@pytest.mark.django_db
def test_milestone_rows_become_the_proposal_milestones():
    need = f.need_published()
    rows = [
        {"title": "Visite", "amount": "3 000", "due_on": "2099-02-01"},
        {"title": "Rapport", "amount": "6000,00"},
        {"title": "", "amount": ""},  # an empty row is ignored
        {"title": "Annulée", "amount": "10", "DELETE": "on"},  # a removed row too
    ]
    form = ProposalForm(_proposal_data(rows), need=need)
    assert form.is_valid(), (form.errors, [x.errors for x in form.milestones])
    assert form.service_fields()["milestones"] == [
        {"title": "Visite", "amount_cents": 300_000, "due_on": "2099-02-01"},
        {"title": "Rapport", "amount_cents": 600_000},
    ]


@pytest.mark.django_db
def test_milestones_must_add_up_to_the_total():
    need = f.need_published()
    rows = [{"title": "Visite", "amount": "3000"}]
    form = ProposalForm(_proposal_data(rows), need=need)
    assert not form.is_valid()
    assert "3\u202f000,00\u00a0€" in " ".join(form.non_field_errors())


@pytest.mark.django_db
def test_a_milestone_row_needs_a_positive_amount():
    need = f.need_published()
    form = ProposalForm(
        _proposal_data([{"title": "Visite", "amount": "-3"}], total="9000"), need=need
    )
    assert not form.is_valid()
    assert form.milestones.forms[0].errors["amount"]


@pytest.mark.django_db
def test_the_proposal_form_has_empty_rows_without_javascript(client):
    need = f.need_published()
    expert = f.expert()
    client.force_login(expert.user)
    html = client.get(f"/missions/needs/{need.pk}/propose/").content.decode()
    assert 'name="milestones-TOTAL_FORMS" value="3"' in html
    assert html.count('name="milestones-0-title"') == 1
    assert 'name="milestones-2-amount"' in html


@pytest.mark.django_db
def test_a_proposal_with_rows_is_sent_and_a_refused_one_changes_nothing(client):
    need = f.need_published()
    expert = f.expert()
    client.force_login(expert.user)
    url = f"/missions/needs/{need.pk}/propose/"
    bad = _proposal_data([{"title": "Visite", "amount": "1e9"}])
    assert client.post(url, bad).status_code == 200
    assert not Proposal.objects.filter(need=need).exists()
    rows = [
        {"title": "Visite", "amount": "3000"},
        {"title": "Rapport", "amount": "6000"},
    ]
    response = client.post(url, _proposal_data(rows, total="9 000"))
    assert response.status_code == 302
    proposal = Proposal.objects.get(need=need)
    assert proposal.total_cents == 900_000
    assert [m["amount_cents"] for m in proposal.milestones] == [300_000, 600_000]


@pytest.mark.django_db
def test_a_time_need_takes_a_day_rate_in_euros():
    need = f.need_published(contract_type=Need.ContractType.TIME)
    form = ProposalForm(
        {
            "approach": "Régie.",
            "duration_days": "10",
            "estimated_days": "10",
            "day_rate": "650,50",
        },
        need=need,
    )
    assert form.is_valid(), form.errors
    assert form.service_fields()["day_rate_cents"] == 65_050
    assert form.milestones is None
