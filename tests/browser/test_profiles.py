"""In the browser: a profile goes from draft to published, a pseudonymous expert
reveals herself to one organization, and a company reads why an expert matches."""

import re

import pytest

from marketplace import services
from marketplace.skills import ensure_taxonomy
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, CompanyMemberFactory, ExpertFactory, paid

pytestmark = pytest.mark.browser


@pytest.fixture
def people(live_server_daphne):
    ensure_taxonomy()
    expert = paid(ExpertFactory(display_name="Élodie Garnier"))
    company = paid(CompanyMemberFactory(display_name="Claire Rivière"))
    return expert, company


def test_profile_draft_then_publish_then_pseudonymous_reveal(new_page, people):
    expert, company = people
    page = new_page()
    sign_in(page, expert.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/$"))

    page.goto("/profile/")
    assert (
        page.locator("#profile-state").inner_text().startswith(("Brouillon", "Draft"))
    )
    page.locator("#id_headline").fill("Analyste de données, secteur bancaire")
    page.locator("#id_day_rate").fill("700")
    page.locator("#id_location").fill("Lyon")
    page.locator("form:has(#id_headline) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/profile/$"))
    # skills are picked by their name (a searchable select)
    page.locator("#skills-add select[name=skills]").select_option(
        label="Analyse de données", force=True
    )
    page.locator("#skills-add select[name=level]").select_option("4")
    page.locator("#skills-add button[type=submit]").click()
    page.wait_for_url(re.compile(r"/profile/$"))
    page.locator("form[action='/profile/publish/'] button").click()
    page.wait_for_url(re.compile(r"/profile/$"))
    assert (
        page.locator("#profile-state").inner_text().startswith(("Publié", "Published"))
    )

    # pseudonymous mode
    page.goto("/profile/privacy/")
    page.locator("#id_pseudonymous").check()
    page.locator("#id_alias").fill("Analyste A7")
    page.locator("form:has(#id_alias) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/profile/privacy/$"))

    profile_url = f"/experts/{expert.profile.pk}/"
    company_page = new_page()
    sign_in(company_page, company.user.email, PASSWORD)
    company_page.wait_for_url(re.compile(r"/dashboard/$"))
    company_page.goto(profile_url)
    assert company_page.get_by_role("heading", level=1).inner_text() == "Analyste A7"
    assert "Garnier" not in company_page.content()
    assert "Garnier" not in company_page.title()

    # Élodie reveals herself to Claire's organization only
    page.locator("#reveal-organization").select_option(str(company.organization.pk))
    page.locator("#reveal-reason").fill("Proposition tableau de bord")
    page.locator("#reveal-form button").click()
    page.wait_for_url(re.compile(r"/profile/privacy/$"))
    assert company.organization.name in page.locator("#reveal-list").inner_text()

    company_page.goto(profile_url)
    assert company_page.get_by_role("heading", level=1).inner_text() == "Élodie Garnier"

    # and withdraws it: the alias is back for the future
    page.locator("#reveal-list button").click()
    page.wait_for_url(re.compile(r"/profile/privacy/$"))
    company_page.goto(profile_url)
    assert company_page.get_by_role("heading", level=1).inner_text() == "Analyste A7"


def test_company_reads_why_an_expert_matches(new_page, people):
    expert, company = people
    profile = services.profile_get_or_create(member=expert)
    services.profile_update(
        profile=profile,
        by=expert.user,
        headline="Lean en menuiserie",
        location="Nantes",
    )
    from marketplace.models import Skill

    lean = Skill.objects.get(slug="lean-management")
    services.expert_skill_set(profile=profile, skill_id=lean.pk, level=4)
    services.profile_publish(profile=profile, by=expert.user)

    page = new_page()
    sign_in(page, company.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.goto("/experts/match/")
    # the skill by its name, with how much it matters
    page.locator("#id_skill_1").select_option(label="Lean management", force=True)
    page.locator("#id_weight_1").select_option("5", force=True)
    page.locator("#id_remote").select_option("onsite")
    page.locator("#id_location").fill("Nantes")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/experts/match/\?"))
    result = page.locator("ol.results > li").first
    assert "Élodie Garnier" in result.inner_text()
    result.locator("details.why-match summary").click()
    table = result.locator("table.explanation")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 6
    # the skill part counts fully (level 4 of 4) with its weight of 40 %
    assert re.search(
        r"100 %\s+40 %\s+40,0|100 %\s+40 %\s+40\.0", rows.first.inner_text()
    )
    page.get_by_role(
        "link", name=re.compile("matching works|mise en relation", re.I)
    ).first.click()
    assert page.locator("#weights-in-force").is_visible()
