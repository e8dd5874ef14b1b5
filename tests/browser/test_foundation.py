import re

import pytest

from marketplace.demo import DEMO_PASSWORD, DemoContext, email_for
from marketplace.demo import seed as seed_members
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_home_page_then_demo_member_signs_in_and_sees_dashboard(new_page):
    ctx = DemoContext()
    seed_members(ctx)
    page = new_page()

    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("contentinfo").count() == 1

    page.get_by_role("link", name="Se connecter").first.click()
    sign_in(page, email_for("claire"), DEMO_PASSWORD)

    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert "Bonjour Claire Rivière" in page.get_by_role("heading", level=1).inner_text()
    assert "Menuiseries Rivière" in page.get_by_role("main").inner_text()


def test_keyboard_user_reaches_main_content_with_skip_link(new_page):
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_to_english(new_page):
    page = new_page()
    page.goto("/")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # a narrow window: the switch is in the menu
        toggler.click()
    page.get_by_role("button", name=re.compile("^English")).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Sign in").count() >= 1
