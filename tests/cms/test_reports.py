"""Monthly reports as Wagtail pages: the close creates the draft (both languages),
figures come from the sealed snapshot by key, a second editor approves through
the workflow, drafts never show, the archive and the PDF; the yearly report gathers
the year's sealed months under the sections of a management report."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale

from cms.models import MonthlyReportPage, ReportIndexPage
from cms.models.reports import YearlyReportPage
from cms.report_blocks import year_data
from cms.reports import EDITORS_GROUP, WORKFLOW_NAME, create_yearly_draft
from tests.factories import ExpertFactory, UserFactory
from tests.transparency.helpers import approved_cost, ledger
from tests.transparency.test_sealed import month_back
from transparency import services
from transparency.periods import Month

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed(settings, tmp_path):
    """Last month sealed by the close, with three payments of 120 € (360 € in all)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    month = month_back(1)
    day = month.first_day + dt.timedelta(days=2)
    for expert in [ExpertFactory() for _ in range(3)]:
        ledger(day, 12_000, member=expert)
    approved_cost(day, 4_000, "hosting")
    return services.month_close(month)


def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def approve(page, submitter, approver):
    workflow = page.get_workflow()
    state = workflow.start(page, submitter)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, approver, "approve")
    page.refresh_from_db()
    return page


def test_the_close_creates_the_month_draft_in_both_languages(sealed):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    assert page.month == sealed.month and not page.live
    assert page.has_unpublished_changes
    assert page.get_parent().specific_class is ReportIndexPage
    translated = english(page)
    assert not translated.live and translated.title.startswith("Report for")
    assert page.title.startswith("Rapport de ")
    # only keys are stored in the body: the figures are read from the seal
    figures = [b.value["key"] for b in page.body if b.block_type == "figure"]
    assert "result.monthly" in figures
    assert "36000" not in str(page.body.get_prep_value())
    # closing again (the hourly job) makes no second report
    services.close_previous_month()
    assert MonthlyReportPage.objects.count() == 2


def test_a_draft_report_never_shows_publicly(sealed):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    client = Client()
    assert client.get(page.url or f"/rapports/{page.slug}/").status_code == 404
    assert client.get(f"/rapports/{page.slug}/").status_code == 404
    assert client.get(f"/rapports/{page.slug}/pdf/").status_code == 404
    assert client.get(f"/en/reports/{page.slug}/").status_code == 404
    archive = client.get("/transparency/reports/", follow=True).content.decode()
    assert page.title not in archive


def test_the_submitter_cannot_approve_a_second_editor_can(sealed):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    assert page.get_workflow().name == WORKFLOW_NAME
    first, second = editor(), editor()
    state = page.get_workflow().start(page, first)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, first) == []
    assert [name for name, *_ in task.get_actions(page, second)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert not task.get_task_states_user_can_moderate(first).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state.specific, first, "approve")
    page.refresh_from_db()
    assert not page.live
    task.on_action(task_state.specific, second, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_published_report_shows_the_sealed_figures_not_the_live_ones(sealed):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    approve(english(page), editor_a := editor(), editor())
    approve(page, editor_a, editor())
    # a late entry changes the live figures, not the sealed ones
    ledger(sealed.month + dt.timedelta(days=9), 99_900, member=ExpertFactory())
    client = Client()
    html = client.get(f"/en/reports/{page.slug}/").content.decode()
    assert "€360.00" in html
    assert "€999.00" not in html and "€1,359.00" not in html
    french = client.get(f"/rapports/{page.slug}/").content.decode()
    assert "360,00" in french
    # the archive: /transparency/reports/ leads to the index in the reader's language
    response = client.get("/transparency/reports/")
    assert response.status_code == 302 and response["Location"] == "/rapports/"
    listing = client.get("/en/reports/").content.decode()
    assert english(page).title in listing and "/pdf/" in listing
    pdf = client.get(f"/en/reports/{page.slug}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # the PDF is made from the same snapshot (its text streams are not compressed)
    assert b"360.00" in pdf.content
    assert b"999.00" not in pdf.content and b"1,359.00" not in pdf.content


def test_before_any_close_the_archive_says_so(client):
    response = client.get("/transparency/reports/")
    assert response.status_code == 200
    assert "No monthly report" in response.content.decode() or (
        "Aucun rapport" in response.content.decode()
    )


def test_an_editor_cannot_publish_their_own_report_directly(sealed):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    first, second = editor(), editor()
    assert not page.permissions_for_user(first).can_publish()
    page.get_workflow().start(page, first)
    page.refresh_from_db()
    assert not page.permissions_for_user(first).can_publish()
    assert page.permissions_for_user(second).can_publish()


def test_the_demo_has_one_published_report_and_one_draft(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    french = MonthlyReportPage.objects.filter(locale__language_code="fr")
    assert french.count() == 2
    published, draft = french.order_by("month")
    assert published.live and not draft.live
    assert english(published).live and not english(draft).live
    client = Client()
    assert client.get(published.url).status_code == 200
    assert client.get(f"/rapports/{draft.slug}/").status_code == 404
    html = client.get("/rapports/").content.decode()
    assert published.title in html and draft.title not in html


def test_an_editor_opens_the_draft_in_the_admin(sealed, client):
    page = MonthlyReportPage.objects.get(locale__language_code="fr")
    client.force_login(editor())
    response = client.get(f"/cms-admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "result.monthly" in html  # the figure block holds a key, chosen from a list


# --- the yearly report ---

YEAR = 2025


@pytest.fixture
def year_sealed(settings, tmp_path):
    """November and December 2025 sealed by the close: three payments of 120 € then of 150 €."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    experts = [ExpertFactory() for _ in range(3)]
    seals = []
    for month, amount in ((11, 12_000), (12, 15_000)):
        for expert in experts:
            ledger(dt.date(YEAR, month, 3), amount, member=expert)
        seals.append(services.month_close(Month(dt.date(YEAR, month, 1))))
    return seals


def yearly(language="fr"):
    return YearlyReportPage.objects.get(year=YEAR, locale__language_code=language)


def test_closing_december_creates_the_yearly_draft_in_both_languages(year_sealed):
    page = yearly()
    assert not page.live and page.get_parent().specific_class is ReportIndexPage
    assert page.title == "Rapport de gestion 2025"
    translated = yearly("en")
    assert not translated.live and translated.title == "Management report 2025"
    # the management report's sections, in order, each with its figures (keys only)
    kinds = [b.value["kind"] for b in page.body if b.block_type == "section"]
    assert kinds[:4] == ["activity", "result", "membership", "governance"]
    assert kinds[-1] == "outlook"
    assert "result.monthly" in [
        b.value["key"] for b in page.body if b.block_type == "figure"
    ]
    stored = str(page.body.get_prep_value())
    assert "81000" not in stored and "36000" not in stored
    # the hourly job closing again makes no second yearly report
    assert create_yearly_draft(YEAR) is None
    assert YearlyReportPage.objects.count() == 2


def test_a_yearly_report_needs_a_sealed_month_of_its_year(year_sealed):
    before = YearlyReportPage.objects.count()
    with pytest.raises(ValidationError) as refused:
        create_yearly_draft(2019)
    assert "year" in refused.value.message_dict
    assert YearlyReportPage.objects.count() == before


def test_a_yearly_report_keeps_its_year(year_sealed):
    page = yearly()
    page.year = YEAR - 1
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "year" in refused.value.message_dict
    assert yearly().year == YEAR


def test_a_yearly_draft_never_shows_publicly(year_sealed):
    client = Client()
    for path in ("/rapports/2025/", "/rapports/2025/pdf/", "/en/reports/2025/"):
        assert client.get(path).status_code == 404, path
    assert yearly().title not in client.get("/rapports/").content.decode()


def test_a_published_yearly_report_gathers_the_sealed_months(year_sealed):
    first, second = editor(), editor()
    approve(yearly("en"), first, second)
    approve(yearly(), first, second)
    # the submitter alone could not have published it
    assert not yearly().permissions_for_user(first).can_publish()
    # a late entry in November changes the live books, not the sealed months
    ledger(dt.date(YEAR, 11, 20), 99_900, member=ExpertFactory())
    client = Client()
    french = client.get("/rapports/2025/").content.decode()
    assert "Résultat de l\u2019exercice et affectation proposée" in french
    assert "Évolution du sociétariat" in french
    assert "360,00" in french and "450,00" in french  # each month's row
    assert "810,00" in french  # the year's total: the months' sum
    assert "999,00" not in french and "1\u202f359,00" not in french
    english = client.get("/en/reports/2025/").content.decode()
    assert "€360.00" in english and "€450.00" in english and "€810.00" in english
    assert "Changes in membership" in english
    # a figure the editors placed that had nothing to count says so
    assert "Members joining and lapsing over 2025: 0 in all." in english
    assert "Invoice payment delays: nothing to show for 2025." in english
    listing = client.get("/en/reports/").content.decode()
    assert "Management report 2025" in listing and "/en/reports/2025/pdf/" in listing
    pdf = client.get("/en/reports/2025/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert b"810.00" in pdf.content and b"Result of the year" in pdf.content
    assert b"999.00" not in pdf.content and b"1,359.00" not in pdf.content


def test_a_corrected_month_shows_in_the_year_with_its_erratum(year_sealed):
    approve(yearly(), editor(), editor())
    ledger(dt.date(YEAR, 11, 20), 6_000, member=ExpertFactory())
    services.month_close(Month(dt.date(YEAR, 11, 1)), erratum="Un virement oublié.")
    html = Client().get("/rapports/2025/").content.decode()
    assert "Un virement oublié." in html
    assert "420,00" in html and "870,00" in html  # 360 + 60, and the year's total
    assert "810,00" not in html


def test_a_year_total_is_hidden_when_a_month_is():
    """Adding the months never uncovers what a month's seal hid."""

    def seal(month, total, cells):
        label = f"{YEAR}-{month:02d}"
        entry = {"cells": cells, "total": total}
        result = {"months": {label: entry}, "total": total}
        return SimpleNamespace(
            month=dt.date(YEAR, month, 1),
            figures={"figures": {"k": {"result": result}}},
        )

    shown = seal(11, 5, {"a": 5})
    hidden = seal(12, None, {"a": None})
    assert year_data([shown], "k")["figures"]["k"]["result"]["total"] == 5
    assert year_data([shown, hidden], "k")["figures"]["k"]["result"]["total"] is None
    assert year_data([shown], "other") is None


def test_an_editor_opens_the_yearly_draft_in_the_admin(year_sealed, client):
    client.force_login(editor())
    response = client.get(f"/cms-admin/pages/{yearly().pk}/edit/")
    assert response.status_code == 200
    assert "payment_terms" in response.content.decode()  # sections chosen from a list
