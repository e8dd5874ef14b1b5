"""Sealed months: a chain of manifests, byte-identical regeneration, errata as new
versions, and rows the database itself refuses to change."""

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from core.refusals import Refusal
from tests.factories import ExpertFactory
from transparency import services
from transparency.models import SealedMonth
from transparency.periods import Month

from .helpers import approved_cost, ledger

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the protecting triggers (django-pgtrigger) exist in PostgreSQL only",
)


def month_back(count: int) -> Month:
    day = timezone.localdate().replace(day=1)
    for _ in range(count):
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return Month(day)


@pytest.fixture
def books(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    experts = [ExpertFactory() for _ in range(3)]
    for back in (3, 2, 1):
        day = month_back(back).first_day + dt.timedelta(days=2)
        for expert in experts:
            ledger(day, 12_000, member=expert)
        approved_cost(day, 4_000 * back, "hosting")
    return experts


def test_months_are_sealed_in_a_chain_anyone_can_check(books):
    first = services.month_close(month_back(2))
    second = services.month_close(month_back(1))
    assert first.previous_sha256 == ""
    assert second.previous_sha256 == first.manifest_sha256
    for sealed in (first, second):
        assert hashlib.sha256(sealed.manifest.encode()).hexdigest() == (
            sealed.manifest_sha256
        )
        for name, text in sealed.files.items():
            line = f"{hashlib.sha256(text.encode()).hexdigest()}  {name}"
            assert line in sealed.manifest.splitlines()
    # the site serves the sealed files and manifest as they are
    client = Client()
    label = month_back(1).label
    manifest = client.get(f"/transparency/data/{label}/manifest.txt").content.decode()
    assert manifest == second.manifest
    served = client.get(f"/transparency/data/{label}/figures.json").content.decode()
    assert served == second.files["figures.json"]
    assert json.loads(served)["figures"]["result.monthly"]["result"]["total"] == (
        3 * 12_000 - 4_000
    )


def test_regenerating_a_sealed_month_gives_byte_identical_files(books):
    sealed = services.month_close(month_back(1))
    assert services.month_files(month_back(1)) == sealed.files


def test_later_changes_do_not_alter_a_sealed_month_and_corrections_need_an_erratum(
    books,
):
    month = month_back(1)
    sealed = services.month_close(month)
    assert services.month_close(month) is None  # the job is safe to run twice
    with pytest.raises(Refusal):  # nothing changed: no new version
        services.month_close(month, erratum="Rien")
    ledger(month.first_day + dt.timedelta(days=9), 12_000, member=books[0])
    sealed.refresh_from_db()
    assert (
        json.loads(sealed.files["figures.json"])["figures"]["result.monthly"]["result"][
            "total"
        ]
        == 3 * 12_000 - 4_000
    )
    corrected = services.month_close(month, erratum="Un virement enregistré en retard.")
    assert corrected.version == 2
    client = Client()
    url = f"/transparency/data/{month.label}/"
    assert client.get(url + "erratum.txt").content.decode().startswith("Un virement")
    old = client.get(url + "figures.json?version=1").content.decode()
    assert old == sealed.files["figures.json"]


def test_a_month_is_not_closed_before_it_ends():
    with pytest.raises(Refusal):
        services.month_close(Month.of(timezone.localdate()))


def test_the_periodic_job_closes_the_previous_month(books):
    call_command("run_periodic", "--once")
    assert SealedMonth.objects.filter(month=month_back(1).first_day).exists()
    assert services.close_previous_month() == "nothing to do"


@postgres_only
def test_postgres_refuses_raw_sql_that_changes_a_sealed_month(books):
    sealed = services.month_close(month_back(1))
    assert SealedMonth._meta.db_table == "transparency_sealedmonth"
    for statement in (
        "UPDATE transparency_sealedmonth SET manifest = 'forged' WHERE id = %s",
        "DELETE FROM transparency_sealedmonth WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [sealed.pk])
    sealed.refresh_from_db()
    assert sealed.manifest != "forged"


def test_the_monthly_report_shows_the_frozen_figures_not_the_live_ones(books):
    month = month_back(1)
    services.month_close(month)
    ledger(month.first_day + dt.timedelta(days=9), 99_900, member=books[0])
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    # (the archive of reports is the Wagtail index: tests/cms/test_reports.py)
    html = client.get(f"/transparency/reports/{month.label}/").content.decode()
    assert "€360.00" in html  # the three sealed payments
    assert "€999.00" not in html and "€1,359.00" not in html
    assert client.get("/transparency/reports/1999-01/").status_code == 404


def test_a_sealed_month_package_is_valid_and_recomputes_to_its_figures(books, tmp_path):
    sealed = services.month_close(month_back(1))
    for name, text in sealed.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    published = (tmp_path / "figures.json").read_text(encoding="utf-8")
    (tmp_path / "figures.json").unlink()
    subprocess.run(
        [sys.executable, "-I", "-S", "recompute.py", "."], cwd=tmp_path, check=True
    )
    assert (tmp_path / "figures.json").read_text(encoding="utf-8") == published
    report = subprocess.run(
        [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            "--json",
            str(tmp_path / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(report.stdout)["valid"], report.stdout[:3000]
