"""The dashboard, figures.json, the data package and recompute.py all agree with
the figures rebuilt from the raw rows; the books balance to the cent."""

import datetime as dt
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from billing.models import LedgerEntry
from tests.factories import CompanyMemberFactory, ExpertFactory
from tests.missions import factories as mission_factories
from transparency import package, services
from transparency.figures import CATALOGUE
from transparency.models import PlatformCost
from transparency.periods import Month, Period

from .helpers import approved_cost, ledger, receipt, treasurer

pytestmark = pytest.mark.django_db


def months_ago(count: int) -> dt.date:
    day = timezone.localdate().replace(day=1)
    for _ in range(count):
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return day


@pytest.fixture
def history(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    experts = [ExpertFactory() for _ in range(5)]
    companies = [CompanyMemberFactory() for _ in range(3)]
    for back in (1, 2):
        day = months_ago(back) + dt.timedelta(days=3)
        for expert in experts:
            ledger(day, 12_000, member=expert, community="expert")
        for company in companies:
            ledger(day, 60_000, org=company.organization, source="stripe")
            ledger(
                day,
                -1_200,
                kind="stripe_fee",
                source="stripe",
                org=company.organization,
            )
        ledger(day, -12_000, kind="refund", member=experts[0], community="expert")
        approved_cost(day, 30_000, "hosting")
        approved_cost(day, 250_000, "staff")
    # a cost waiting for approval is never public
    services.cost_enter(
        by=treasurer(),
        category="legal_tax",
        label="Avocat",
        amount_cents=999_999,
        incurred_on=months_ago(1) + dt.timedelta(days=5),
        receipt=receipt(),
    )
    mission_factories.mission(state="active")
    return experts, companies


def site_files(client) -> dict:
    package_text = client.get("/transparency/data/datapackage.json").content.decode()
    files = {"datapackage.json": package_text}
    for resource in json.loads(package_text)["resources"]:
        files[resource["path"]] = client.get(
            f"/transparency/data/{resource['path']}"
        ).content.decode()
    for name in ("figures.json", "recompute.py"):
        files[name] = client.get(f"/transparency/data/{name}").content.decode()
    return files


def test_site_package_and_recompute_agree_with_the_raw_rows(history, tmp_path):
    client = Client()
    files = site_files(client)
    site = json.loads(files["figures.json"])
    period = Period.last_months(12)
    raw = package.figures_data(package.raw_rows(period), package.thresholds(period))
    assert site["figures"] == raw
    assert set(site["figures"]) == set(CATALOGUE)

    folder = tmp_path / "package"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    published = (folder / "figures.json").read_text(encoding="utf-8")
    (folder / "figures.json").unlink()
    # -I -S: no site-packages, no environment: the standard library only
    subprocess.run(
        [sys.executable, "-I", "-S", "recompute.py", "."], cwd=folder, check=True
    )
    assert (folder / "figures.json").read_text(encoding="utf-8") == published

    report = subprocess.run(
        [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            "--json",
            str(folder / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    outcome = json.loads(report.stdout)
    assert outcome["valid"], report.stdout[:3000]
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    for resource in descriptor["resources"]:
        assert resource["hash"].startswith("sha256:")
        for field in resource["schema"]["fields"]:
            assert " / " in field["description"]  # French / English


def test_the_books_balance_to_the_cent_and_pending_costs_stay_private(history):
    period = Period.last_months(12)
    data = package.figures_data(package.raw_rows(period), package.thresholds(period))
    result = data["result.monthly"]["result"]
    for back in (1, 2):
        month = Month(months_ago(back))
        cash = sum(
            e.amount_cents
            for e in LedgerEntry.objects.filter(
                occurred_at__gte=month.starts_at, occurred_at__lt=month.ends_at
            )
        ) - sum(
            c.amount_cents
            for c in PlatformCost.objects.filter(
                approved_at__isnull=False,
                incurred_on__gte=month.first_day,
                incurred_on__lt=month.after_last_day,
            )
        )
        entry = result["months"][month.label]
        assert entry["total"] == cash
        assert entry["cells"]["income"] == 5 * 12_000 + 3 * 60_000
        assert entry["cells"]["costs"] == -(30_000 + 250_000)
        costs = data["costs.by_category"]["result"]["months"][month.label]
        assert "legal_tax" not in costs["cells"] or costs["cells"]["legal_tax"] == 0
        shares = costs["shares"]
        assert sum(int(v.replace(".", "")) for v in shares.values()) == 1000
    assert "999" not in json.dumps(data)  # the pending cost's amount is nowhere


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dashboard_draws_accessible_charts_without_javascript(history, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    html = client.get("/transparency/").content.decode()
    assert f'lang="{language}"' in html
    assert html.count("<main") == 1 and html.count("<h1") == 1
    assert "<canvas" not in html
    charts = re.findall(
        r'<svg[^>]*role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title>'
        r'<desc id="[^"]+">([^<]+)</desc>',
        html,
    )
    assert len(charts) == len(CATALOGUE)
    word = "Cotisations reçues" if language == "fr" else "Membership income"
    assert any(title == word for title, _desc in charts)
    bar = "Diagramme en barres" if language == "fr" else "Bar chart"
    empty = "Aucune donnée" if language == "fr" else "No data"
    assert all(desc.startswith((bar, empty)) for _t, desc in charts)
    assert sum(desc.startswith(bar) for _t, desc in charts) >= 8
    for key in CATALOGUE:
        assert f"/transparency/figures/{key}/" in html
        assert f">{key}<" not in html
    assert "datapackage.json" in html


def test_each_figure_has_a_public_definition_page():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for key, figure in CATALOGUE.items():
        html = unescape(client.get(f"/transparency/figures/{key}/").content.decode())
        assert figure.title["en"] in html and figure.definition["en"][:60] in html
    assert client.get("/transparency/figures/nope/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pages_pass_the_page_walk_checks(history, language):
    from tests.pages.test_walk import check_page, raw_state_values

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    raw = raw_state_values()
    pages = ["/transparency/", "/transparency/obligations/", "/transparency/reports/"]
    for url in [*pages, *[f"/transparency/figures/{k}/" for k in CATALOGUE]]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert check_page(response.content.decode(), language, raw) == [], url
