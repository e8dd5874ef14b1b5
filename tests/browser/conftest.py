"""Browser tests: Playwright (Python) driving Debian's chromium, headless, against a
real daphne process serving the test database.

Each test gets committed data (`transactional_db`) and a fresh browser context.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.servers import DaphneServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, for fixtures that act on failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def _playwright(monkeypatch):
    """Started and stopped around each browser test.

    Playwright's sync API leaves an event loop running in this thread while it is
    started, which would break later tests that use async_to_sync (Channels
    communicators); so it never outlives the test that needs it.
    """
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)"
        )
    from playwright.sync_api import sync_playwright

    # the ORM calls the test makes between browser steps are synchronous and safe
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def live_server_daphne(transactional_db):
    server = DaphneServer()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, live_server_daphne, request):
    """Open pages in fresh contexts (one per simulated person); all closed at the end.

    Any request leaving 127.0.0.1 fails the test: pages make no third-party request.
    When the test fails, each open page's address and accessibility tree (roles and
    names, what the steps look for) are written to var/browser-failures/.
    """
    contexts = []
    outside: list[str] = []

    def make(locale: str = "fr-FR", **options):
        context = browser.new_context(
            base_url=live_server_daphne.url, locale=locale, **options
        )
        context.set_default_timeout(10_000)

        def check(route):
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", check)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        _write_failure_pages(request.node.name, contexts)
    for context in contexts:
        context.close()
    assert not outside, f"pages made third-party requests: {outside}"


def _write_failure_pages(test_name: str, contexts) -> None:
    folder = Path(__file__).resolve().parents[2] / "var" / "browser-failures"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
    for number, page in enumerate(p for c in contexts for p in c.pages):
        try:
            tree = page.locator("body").aria_snapshot()
        except Exception as error:  # a closed or crashed page still gets its line
            tree = f"(no accessibility tree: {error})"
        path = folder / f"{safe}-{number}.txt"
        path.write_text(f"{page.url}\n\n{tree}\n")
        print(f"failed page {number}: {page.url} -> {path}")


EMAIL_LABEL = re.compile(r"e-?mail|courriel", re.I)
# the label text keeps the template's leading white space; "forgotten password?" does not start a label
PASSWORD_LABEL = re.compile(r"^\s*(mot de passe|password)", re.I)
SIGN_IN_BUTTON = re.compile(r"se connecter|connexion|sign in|log in", re.I)


def sign_in_staff(page, email: str, password: str) -> None:
    """A staff account: the password, then the authenticator app's code (the
    factories give staff the app of tests.factories.STAFF_TOTP_SECRET)."""
    from playwright.sync_api import expect

    from tests.factories import totp_code

    sign_in(page, email, password)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    main = page.get_by_role("main")
    main.get_by_label(re.compile(r"code", re.I)).first.fill(totp_code())
    main.get_by_role("button", name=SIGN_IN_BUTTON).first.click()


def sign_in(page, email: str, password: str) -> None:
    """Through the sign-in page, found by labels and roles (restyling keeps them)."""
    page.goto("/accounts/login/")
    main = page.get_by_role("main")
    main.get_by_label(EMAIL_LABEL).first.fill(email)
    main.get_by_label(PASSWORD_LABEL).first.fill(password)
    main.get_by_role("button", name=SIGN_IN_BUTTON).first.click()
