"""The sign-up form in a real browser: the company name only for companies."""

import pytest

pytestmark = pytest.mark.browser


def test_company_name_appears_only_when_company_is_chosen(new_page):
    page = new_page(locale="fr-FR")
    page.goto("/accounts/signup/")
    main = page.get_by_role("main")
    company_name = main.locator('input[name="organization_name"]')
    assert not company_name.is_visible()  # nothing chosen yet
    main.get_by_role("radio", name="Expert").check()
    assert not company_name.is_visible()
    main.get_by_role("radio", name="Entreprise").check()
    assert company_name.is_visible() and company_name.is_enabled()
    main.get_by_role("radio", name="Expert").check()
    assert not company_name.is_visible() and company_name.is_disabled()
    assert main.get_by_role("button", name="Créer mon compte").is_visible()
