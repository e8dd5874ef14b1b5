"""A need from draft to reviews, with a company member and an expert in two browsers."""

import re

import pytest

from missions.models import Mission, Review
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, CompanyMemberFactory, ExpertFactory, paid

pytestmark = pytest.mark.browser


def click_action(page, name: str) -> None:
    page.locator(f"form[data-action='{name}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def confirm_action(page, name: str, says: str) -> None:
    """An irreversible action: the dialog says what will happen, then confirms."""
    page.locator(f"form[data-action='{name}'] button[type=submit]").first.click()
    dialog = page.locator("dialog.confirm-dialog")
    assert says in dialog.inner_text()
    dialog.locator("button:not(.btn-outline-secondary)").click()
    page.wait_for_load_state()


def test_need_from_draft_to_reviews(new_page):
    buyer = paid(CompanyMemberFactory(display_name="Claire Rivière"))
    seller = paid(ExpertFactory(display_name="Camille Martin"))
    company, expert = new_page(), new_page()
    sign_in(company, buyer.user.email, PASSWORD)
    sign_in(expert, seller.user.email, PASSWORD)

    # the company writes a draft, then publishes it
    company.goto("/missions/needs/new/")
    company.locator("#id_title").fill("Audit énergétique de l'usine")
    company.locator("#id_context").fill("Deux sites, 120 salariés.")
    company.locator("#id_deliverables").fill("Rapport et plan d'action.")
    company.locator("#id_proposals_deadline").fill("2099-01-01T12:00")
    company.locator("#id_budget_min").fill("5000")
    company.locator("#id_budget_max").fill("15000")
    company.locator("form.need-form button[type=submit]").click()
    company.wait_for_url(re.compile(r"/missions/needs/[0-9a-f-]{36}/$"))
    need_url = company.url
    assert company.locator("[data-state]").first.get_attribute("data-state") == "draft"
    click_action(company, "publish")
    assert (
        company.locator("[data-state]").first.get_attribute("data-state") == "published"
    )

    # the expert answers
    expert.goto(need_url)
    expert.locator(f"a[href$='{need_url.split('/missions')[1]}propose/']").click()
    expert.locator("#id_approach").fill(
        "Visite des deux sites, mesures, rapport chiffré."
    )
    expert.locator("#id_total").fill("9000")
    expert.locator("form.proposal-form button[type=submit]").click()
    expert.wait_for_url(re.compile(r"/missions/proposals/[0-9a-f-]{36}/$"))

    # the company compares and accepts: the mission is awarded
    company.reload()
    assert company.locator("text=Camille Martin").count() >= 1
    confirm_action(company, "accept", "9")
    company.wait_for_url(re.compile(r"/missions/[0-9a-f-]{36}/$"))
    mission_url = company.url
    assert company.locator("#mission-state").get_attribute("data-state") == "awarded"

    # the expert confirms and delivers with a file
    expert.goto(mission_url)
    click_action(expert, "confirm")
    assert expert.locator("#mission-state").get_attribute("data-state") == "active"
    form = expert.locator("form[data-action='deliver']")
    form.locator("textarea[name=message]").fill("Rapport final en pièce jointe.")
    form.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "rapport.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 r",
            }
        ]
    )
    form.locator("button[type=submit]").click()
    expert.wait_for_load_state()
    assert expert.locator("#mission-state").get_attribute("data-state") == "delivered"

    # the company sees the delivery (and its file) and completes the mission
    company.reload()
    assert company.locator("a:has-text('rapport.pdf')").count() == 1
    confirm_action(company, "complete", "avis")
    assert company.locator("#mission-state").get_attribute("data-state") == "completed"

    # double-blind reviews: hidden until the second one is written
    company.locator("#review-text").fill("Travail précis et rendu à temps.")
    click_action(company, "review")
    expert.reload()
    assert expert.locator("article.review").count() == 0
    expert.locator("#review-text").fill("Besoin clair, échanges faciles.")
    click_action(expert, "review")
    assert expert.locator("article.review").count() == 2
    company.reload()
    assert company.locator("article.review").count() == 2

    mission = Mission.objects.get()
    assert mission.state == Mission.State.COMPLETED
    assert Review.objects.filter(published_at__isnull=False).count() == 2
    # the timeline shows the transitions
    assert company.locator(".timeline li").count() >= 6
