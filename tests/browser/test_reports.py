"""A visitor reads a published monthly report and its PDF, with JavaScript off and
on, in French and English; a draft report stays out of sight; the year's report
gathers the sealed months.

The months are sealed by the close (`transparency.services.month_close`), which
creates each month's draft report; the report is submitted to its Wagtail
workflow by one editor and approved, hence published, by another. Nothing is
made by hand where a service or Wagtail does it.

With JavaScript on, each page also goes through the Inspector (axe, machine
text, 390 px, screenshots); axe needs JavaScript, so the JavaScript-off run
checks what the visitor reads and does.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Locale

from cms.models import MonthlyReportPage
from cms.reports import EDITORS_GROUP, create_yearly_draft
from core.templatetags.ui import format_money
from tests.browser.page_checks import Inspector
from tests.factories import ExpertFactory, UserFactory
from tests.transparency.helpers import approved_cost, ledger
from tests.transparency.test_sealed import month_back
from transparency import services
from transparency.display import month_name

pytestmark = pytest.mark.browser

PAYMENT = 12_345  # cents, paid by each of four experts in the published month
HOSTING = 4_321  # cents, the month's one approved cost
INCOME = 4 * PAYMENT
RESULT = INCOME - HOSTING


def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def submit_and_approve(page, submitter, approver):
    """Wagtail's workflow as the admin runs it: one editor submits, another approves
    (the workflow's last approval publishes the page)."""
    state = page.get_workflow().start(page, submitter)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, approver, "approve")
    page.refresh_from_db()
    assert page.live, "the second editor's approval publishes the report"


def sealed_cents(sealed, key: str) -> int:
    """A figure's total for the month, as the seal froze it."""
    return sealed.figures["figures"][key]["result"]["total"]


@pytest.fixture
def reports(live_server_daphne, settings, tmp_path):
    """Two months sealed by the close; the later one's report is published in both
    languages, the earlier one's stays a draft."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    draft_month, published_month = month_back(2), month_back(1)
    for expert in [ExpertFactory() for _ in range(3)]:
        ledger(draft_month.first_day + dt.timedelta(days=3), 10_000, member=expert)
    services.month_close(draft_month)
    day = published_month.first_day + dt.timedelta(days=4)
    for expert in [ExpertFactory() for _ in range(4)]:
        ledger(day, PAYMENT, member=expert)
    approved_cost(day, HOSTING, "hosting")
    sealed = services.month_close(published_month)
    assert sealed is not None
    # the seal froze what the rows say (checked against the rows, not the code)
    assert sealed_cents(sealed, "income.memberships") == INCOME
    assert sealed_cents(sealed, "result.monthly") == RESULT

    english = Locale.objects.get(language_code="en")
    published = MonthlyReportPage.objects.get(
        month=published_month.first_day, locale__language_code="fr"
    )
    draft = MonthlyReportPage.objects.get(
        month=draft_month.first_day, locale__language_code="fr"
    )
    submitter = editor()
    for page in (published, published.get_translation(english)):
        submit_and_approve(page, submitter, editor())
    assert not draft.live and not draft.get_translation(english).live

    # a late entry after the seal changes the live books, not the report
    ledger(day + dt.timedelta(days=1), 99_900, member=ExpertFactory())
    return {"sealed": sealed, "published": published, "draft": draft}


LITERAL = r"\((?:\\.|[^\\)])*\)"


def _literal(token: str) -> str:
    """A PDF literal string "(...)" as text: octal escapes, then UTF-16 when it
    starts with its byte-order mark, else WinAnsi (\\200 is €)."""
    escapes = {"n": b"\n", "r": b"\r", "t": b"\t", "b": b"\b", "f": b"\f"}

    def unescape(escaped: str) -> bytes:
        if escaped[0] in "01234567":
            return bytes([int(escaped, 8)])
        return escapes.get(escaped, escaped.encode("latin-1"))

    parts = re.split(r"\\([0-7]{1,3}|.)", token[1:-1], flags=re.S)
    data = b"".join(
        unescape(part) if index % 2 else part.encode("latin-1")
        for index, part in enumerate(parts)
    )
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("cp1252")


def _spaces(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def pdf_reading(content: bytes) -> tuple[str, str, int]:
    """(title, drawn text, pages) of a reportlab PDF. Its page streams are not
    compressed (report_pdf builds with pageCompression=0), so the strings the
    pages draw are in the bytes; no PDF library is needed."""
    raw = content.decode("latin-1")
    title = re.search(r"/Title (" + LITERAL + ")", raw)
    drawn = [_literal(t) for t in re.findall("(" + LITERAL + r") Tj", raw)]
    pages = len(re.findall(r"/Type /Page\b", raw))
    return (
        _spaces(_literal(title.group(1))) if title else "",
        _spaces(" ".join(drawn)),
        pages,
    )


LOCAL = ("http://127.0.0.1", "data:", "blob:", "chrome://", "chrome-extension://")


def local_only(outside: list[str]):
    """A route handler: requests to the site go on, any other is refused and noted
    (but for chromium's own PDF viewer, which loads from chrome:// inside the browser,
    nothing over the network)."""

    def check(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    return check


READERS = (
    ("fr-FR", "fr", "/rapports/"),
    ("en-US", "en", "/en/reports/"),
)


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_visitor_reads_a_published_monthly_report_and_its_pdf(
    browser, live_server_daphne, reports, javascript
):
    sealed = reports["sealed"]
    label = f"{sealed.month:%Y-%m}"
    english = Locale.objects.get(language_code="en")
    look = Inspector(f"reports-js-{'on' if javascript else 'off'}")
    for locale, language, index_path in READERS:
        published = reports["published"]
        draft = reports["draft"]
        if language == "en":
            published = published.get_translation(english)
            draft = draft.get_translation(english)
        with translation.override(language):
            income, result, hosting, late = (
                format_money(INCOME),
                format_money(RESULT),
                format_money(HOSTING),
                format_money(INCOME + 99_900),
            )
            month = month_name(label)
        context = browser.new_context(
            base_url=live_server_daphne.url,
            locale=locale,
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        outside: list[str] = []

        context.route("**/*", local_only(outside))
        page = context.new_page()

        # the archive, in the reader's language: the published month only
        page.goto("/transparency/reports/")
        page.wait_for_url(f"**{index_path}")
        assert page.locator("html").get_attribute("lang") == language
        if javascript:
            look.language = language
            look.look(page, f"archive-{language}")
        main = page.get_by_role("main")
        assert main.get_by_role("link", name=published.title).count() == 1
        assert draft.title not in main.inner_text()

        # the month's report: its figures are the sealed ones
        main.get_by_role("link", name=published.title).click()
        page.wait_for_url(f"**{index_path}{label}/")
        if javascript:
            look.look(page, f"report-{language}")
        main = page.get_by_role("main")
        assert main.get_by_role("heading", level=1).inner_text().strip() == (
            published.title
        )
        text = main.inner_text()
        assert month in text
        assert income in text and result in text and hosting in text
        assert late not in text, "a late entry must not change a sealed month"
        # each figure leads to its written definition
        assert main.locator("a[href='/transparency/figures/result.monthly/']").count()

        # its PDF, from the same snapshot
        pdf_link = main.get_by_role("link", name=re.compile("PDF"))
        href = pdf_link.get_attribute("href")
        assert href == f"{index_path}{label}/pdf/"
        # chromium opens it in its own viewer (Playwright then sees the viewer's
        # page, not the file): the click's response says what came, and the file
        # itself is downloaded by the same browser context
        with page.expect_response(live_server_daphne.url + href) as got:
            pdf_link.click()
        response = got.value
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert (
            f'filename="ouvrage-report-{label}.pdf"'
            in (response.headers["content-disposition"])
        )
        download = context.request.get(href)
        assert download.status == 200
        assert download.headers["content-type"] == "application/pdf"
        content = download.body()
        assert content.startswith(b"%PDF")
        title, drawn, pages = pdf_reading(content)
        assert title == _spaces(published.title) and pages >= 1
        assert _spaces(month) in drawn
        for amount in (income, result, hosting):
            assert _spaces(amount) in drawn, f"{amount} not in the {language} PDF"
        assert _spaces(late) not in drawn

        # the draft is not there for a visitor, page or PDF
        for path in (f"{index_path}{draft.slug}/", f"{index_path}{draft.slug}/pdf/"):
            assert context.request.get(path).status == 404, path
        response = page.goto(f"{index_path}{draft.slug}/")
        assert response.status == 404
        context.close()
        assert not outside, f"pages made third-party requests: {outside}"
    assert not look.findings, look.report()


def test_visitor_reads_a_published_yearly_report(browser, live_server_daphne, reports):
    """The year's report, made by create_yearly_draft and the same workflow, passes
    the Inspector in both languages and shows the sealed month's figures."""
    sealed = reports["sealed"]
    year = sealed.month.year
    page = create_yearly_draft(year)
    english = Locale.objects.get(language_code="en")
    submitter = editor()
    for version in (page, page.get_translation(english)):
        submit_and_approve(version, submitter, editor())
    look = Inspector("yearly-report")
    for locale, language, index_path in READERS:
        title = page.get_translation(Locale.objects.get(language_code=language)).title
        with translation.override(language):
            income = format_money(INCOME)
        context = browser.new_context(base_url=live_server_daphne.url, locale=locale)
        context.set_default_timeout(20_000)
        outside: list[str] = []
        context.route("**/*", local_only(outside))
        visitor = context.new_page()
        visitor.goto(index_path)
        visitor.get_by_role("main").get_by_role("link", name=title).click()
        visitor.wait_for_url(f"**{index_path}{year}/")
        look.language = language
        look.look(visitor, f"year-{language}")
        text = visitor.get_by_role("main").inner_text()
        assert income in text
        assert (
            "Évolution du sociétariat" if language == "fr" else "Changes in membership"
        ) in text
        pdf = context.request.get(f"{index_path}{year}/pdf/")
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        title_in_pdf, drawn, _pages = pdf_reading(pdf.body())
        assert title_in_pdf == _spaces(title) and _spaces(income) in drawn
        context.close()
        assert not outside, f"pages made third-party requests: {outside}"
    assert not look.findings, look.report()
