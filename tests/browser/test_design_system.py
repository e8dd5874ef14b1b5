"""The foundation in a real browser: axe and phone width on the layout's pages,
the phone menu, and the confirmation dialog of an irreversible action."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import sign_in, sign_in_staff
from tests.factories import PASSWORD, CompanyMemberFactory, UserFactory

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


def check_page(page, width: int) -> None:
    """No serious or critical axe violation, and no sideways scroll."""
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in SERIOUS
    ]
    assert not violations, f"{page.url} at {width}px: {violations}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width}px"


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_layout_pages_pass_axe_and_fit_a_phone(new_page, locale):
    member = CompanyMemberFactory()
    page = new_page(locale=locale)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/", "/accounts/login/", "/accounts/signup/"):
            page.goto(path)
            check_page(page, width)
    sign_in(page, member.user.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/dashboard/")
        check_page(page, width)


def test_phone_menu_opens_and_shows_the_member_entries(new_page):
    member = CompanyMemberFactory()
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, member.user.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    toggler = page.get_by_role("button", name="Menu")
    assert toggler.get_attribute("aria-expanded") == "false"
    toggler.click()
    page.get_by_role("link", name="Mes besoins").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    assert (
        page.get_by_role("link", name="Tableau de bord").get_attribute("aria-current")
        == "page"
    )


def test_irreversible_action_asks_first_and_says_what_will_happen(new_page):
    staff = UserFactory(is_staff=True)
    page = new_page()
    sign_in_staff(page, staff.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto("/design-system/")
    page.get_by_role("button", name="Annuler le besoin").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "Les experts qui ont répondu seront prévenus." in dialog.inner_text()
    # the safe choice has the focus; Escape leaves everything as it was
    assert page.evaluate("document.activeElement.textContent") == "Annuler"
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert "confirmed" not in page.url
    page.get_by_role("button", name="Annuler le besoin").click()
    page.get_by_role("dialog").get_by_role("button", name="Annuler le besoin").click()
    page.wait_for_url("**confirmed=1**")


def _label(text: str) -> re.Pattern:
    """A label's text, with its white space and a required field's asterisk."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_pickers_are_found_by_their_label_and_pass_axe(new_page, locale):
    """Tom Select moves the <label> to its search box: ui.js makes that box the
    one field with the label's name (the native select leaves the tree)."""
    staff = UserFactory(is_staff=True)
    page = new_page(locale=locale)
    sign_in_staff(page, staff.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto("/design-system/")
    english = locale.startswith("en")
    skills = page.get_by_label(_label("Skills" if english else "Compétences"))
    labels = skills.evaluate_all("ls => ls.map(l => l.outerHTML.slice(0, 200))")
    assert skills.count() == 1, labels  # the search box only, not the select too
    assert skills.evaluate("el => el.closest('.ts-wrapper') !== null")
    assert skills.get_attribute("role") == "combobox"
    assert page.locator("#id_skills-ts-dropdown").get_attribute("title") == (
        "Skills" if english else "Compétences"
    )
    skills.click()
    skills.fill("carb")
    page.get_by_role(
        "option", name="Carbon accounting" if english else "Bilan carbone"
    ).click()
    page.keyboard.press("Escape")  # the list closes; axe looks at the page at rest
    chosen = page.locator("#id_skills").evaluate(
        "el => Array.from(el.selectedOptions).map(o => o.value)"
    )
    assert chosen == ["carbon"]
    language = page.get_by_label(
        _label("Working language" if english else "Langue de travail")
    )
    assert language.count() == 1
    assert language.get_attribute("role") == "combobox"
    assert page.locator("#id_skills").get_attribute("aria-hidden") == "true"
    # a picker without a <label> (a search filter, say) keeps the select's name
    name = page.evaluate(
        """() => {
          const select = document.createElement("select");
          select.setAttribute("data-picker", "");
          select.setAttribute("aria-label", "Organisation");
          select.innerHTML = "<option>Un</option><option>Deux</option>";
          document.querySelector("#forms form").append(select);
          window.OuvrageUI.initPickers(document);
          return select.tomselect.focus_node.getAttribute("aria-label");
        }"""
    )
    assert name == "Organisation"
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        check_page(page, width)
