"""A visitor reads the open accounts with JavaScript off and on, in French and
English, follows a figure to its definition and downloads the data package."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.page_checks import Inspector
from tests.factories import ExpertFactory
from tests.transparency.helpers import approved_cost, ledger

pytestmark = pytest.mark.browser


@pytest.fixture
def books(live_server_daphne, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    experts = [ExpertFactory() for _ in range(4)]
    day = timezone.localdate().replace(day=1) - dt.timedelta(days=20)
    for expert in experts:
        ledger(day, 12_000, member=expert)
    approved_cost(day, 18_900, "hosting")
    return experts


@pytest.mark.parametrize("javascript", [False, True])
def test_visitor_reads_the_open_accounts_and_downloads_the_data(
    browser, live_server_daphne, books, javascript
):
    look = Inspector(f"transparency-js-{'on' if javascript else 'off'}")
    for locale, language, title, definition_link in (
        (
            "fr-FR",
            "fr",
            "Comptes ouverts",
            "Comment se compte « Dépenses de la plateforme »",
        ),
        ("en-US", "en", "Open accounts", "How “Platform costs” is counted"),
    ):
        context = browser.new_context(
            base_url=live_server_daphne.url,
            locale=locale,
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        page = context.new_page()
        page.goto("/")
        page.get_by_role("contentinfo").get_by_role("link", name=title).click()
        page.wait_for_url("**/transparency/")
        look.language = language
        look.look(page, f"dashboard-{language}")
        assert page.get_by_role("heading", level=1).inner_text().strip() == title
        charts = page.locator("svg[role=img]")
        assert charts.count() >= 15
        assert page.locator("canvas").count() == 0
        # the chart's name comes from its <title>, in the reader's language
        first = charts.first.locator("title").inner_text()
        assert first in ("Cotisations reçues", "Membership income")
        costs_table = page.get_by_role("table").nth(3)
        assert "189" in costs_table.inner_text()

        page.get_by_role("link", name=definition_link).click()
        page.wait_for_url("**/transparency/figures/costs.by_category/")
        look.look(page, f"definition-{language}")
        assert "receipt" in page.content() or "justificatif" in page.content()
        page.go_back()

        with page.expect_download() as download_info:
            page.get_by_role("link", name="datapackage.json", exact=False).click()
        package = json.loads(
            Path(download_info.value.path()).read_text(encoding="utf-8")
        )
        assert package["licenses"][0]["name"] == "etalab-2.0"
        assert len(package["resources"]) >= 15
        context.close()
    assert not look.findings, look.report()
