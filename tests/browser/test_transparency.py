"""A visitor reads the open accounts with JavaScript off and on, in French and
English, follows a figure to its definition and downloads the data package.

With JavaScript on, each page also goes through the Inspector (axe, machine
text, 390 px, screenshots); axe needs JavaScript, so the JavaScript-off run
checks what the visitor reads and does.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.page_checks import Inspector
from tests.factories import ExpertFactory
from tests.transparency.helpers import approved_cost, ledger

pytestmark = pytest.mark.browser

READERS = (
    ("fr-FR", "fr", "Comptes ouverts", re.compile("se compte.*Dépenses de la plat")),
    ("en-US", "en", "Open accounts", re.compile("How.*Platform costs")),
)


@pytest.fixture
def books(live_server_daphne, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    experts = [ExpertFactory() for _ in range(4)]
    day = timezone.localdate().replace(day=1) - dt.timedelta(days=20)
    for expert in experts:
        ledger(day, 12_000, member=expert)
    approved_cost(day, 18_900, "hosting")
    return experts


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_visitor_reads_the_open_accounts_and_downloads_the_data(
    browser, live_server_daphne, books, javascript
):
    look = Inspector(f"transparency-js-{'on' if javascript else 'off'}")
    for locale, language, title, definition_link in READERS:
        context = browser.new_context(
            base_url=live_server_daphne.url,
            locale=locale,
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto("/")
        page.get_by_role("contentinfo").get_by_role("link", name=title).click()
        page.wait_for_url("**/transparency/")
        assert page.locator("html").get_attribute("lang") == language
        if javascript:
            look.language = language
            look.look(page, f"dashboard-{language}")
        assert page.get_by_role("heading", level=1).inner_text().strip() == title
        charts = page.locator("svg[role=img]")
        assert charts.count() >= 15
        assert page.locator("canvas").count() == 0
        # the chart's name comes from its <title>, in the reader's language
        first = charts.first.locator("title").text_content()
        assert first == (
            "Cotisations reçues" if language == "fr" else "Membership income"
        )
        assert "189" in page.locator("#family-2").inner_text()  # the hosting cost

        page.get_by_role("link", name=definition_link).click()
        page.wait_for_url("**/transparency/figures/costs.by_category/")
        if javascript:
            look.look(page, f"definition-{language}")
        text = page.get_by_role("main").inner_text()
        assert ("justificatif" if language == "fr" else "receipt") in text
        page.go_back()

        with page.expect_download() as download_info:
            page.locator("a[href$='/transparency/data/datapackage.json']").click()
        package = json.loads(
            Path(download_info.value.path()).read_text(encoding="utf-8")
        )
        assert package["licenses"][0]["name"] == "etalab-2.0"
        assert len(package["resources"]) >= 15
        context.close()
    assert not look.findings, look.report()
