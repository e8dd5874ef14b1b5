"""A staff account without a second factor, in a browser: sent to the page
explaining why, then through allauth's activation to the dashboard; a
member's token page. Each page passes axe, fits a phone and reads in French."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.page_checks import Inspector
from tests.factories import PASSWORD, ExpertFactory, UserFactory, paid, totp_code

pytestmark = pytest.mark.browser


def test_staff_activate_their_authenticator_then_reach_the_dashboard(new_page):
    treasurer = UserFactory(is_staff=True, second_factor=False)
    look = Inspector("two-factor")
    page = new_page("fr-FR")
    sign_in(page, treasurer.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/settings/two-factor/$"))
    look.look(page, "required", english=True)
    page.get_by_role(
        "link", name=re.compile("Activer une application d.authentification")
    ).click()
    if "/reauthenticate/" in page.url:  # allauth may ask for the password again
        page.get_by_label(re.compile("mot de passe", re.I)).first.fill(PASSWORD)
        page.get_by_role("button", name=re.compile("confirmer", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    look.look(page, "activate")
    secret = page.get_by_label(re.compile("Clé à saisir")).input_value()
    page.get_by_label(re.compile("code", re.I)).last.fill(totp_code(secret))
    page.get_by_role("button", name="Activer", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/"))
    look.look(page, "after")
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert not look.findings, look.report()


def test_a_member_creates_and_revokes_a_token(new_page):
    member = paid(ExpertFactory())
    look = Inspector("tokens")
    page = new_page("fr-FR")
    sign_in(page, member.user.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto("/settings/api-tokens/")
    look.look(page, "empty", english=True)
    page.get_by_role("button", name="Créer un jeton").click()
    expect(page.get_by_label(re.compile("^Jeton"))).to_have_value(
        re.compile(r"^\w{40}$")
    )
    look.look(page, "created")
    page.goto("/settings/api-tokens/")
    page.get_by_role("button", name=re.compile("Révoquer")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Révoquer le jeton").click()
    expect(page.get_by_role("button", name="Créer un jeton")).to_be_visible()
    assert not look.findings, look.report()
