"""A member pays by Stripe Checkout (the stand-in) and another by bank transfer
recorded by a treasurer; both get access."""

import re

import pytest
from django.contrib.auth.models import Group

from billing.selectors import membership_status
from tests.billing.conftest import WEBHOOK_PATH, WEBHOOK_SECRET
from tests.billing.stripe_standin import StripeStandIn
from tests.browser.conftest import sign_in, sign_in_staff
from tests.factories import PASSWORD, ExpertFactory, UserFactory
from tests.servers import DaphneServer

pytestmark = pytest.mark.browser


@pytest.fixture
def standin():
    server = StripeStandIn(webhook_secret=WEBHOOK_SECRET).start()
    yield server
    server.stop()


@pytest.fixture
def stripe_site(transactional_db, standin):
    """daphne with Stripe on, its API being the stand-in, which posts webhooks back."""
    server = DaphneServer(
        extra_env={
            "STRIPE_SECRET_KEY": "sk_test_standin",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "STRIPE_API_BASE": standin.url,
        }
    )
    standin.webhook_url = server.url + WEBHOOK_PATH
    yield server
    server.stop()


@pytest.fixture
def open_page(browser, stripe_site):
    contexts = []

    def make():
        context = browser.new_context(base_url=stripe_site.url, locale="fr-FR")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_member_pays_by_checkout_and_gets_access(open_page, standin):
    expert = ExpertFactory()
    page = open_page()
    sign_in(page, expert.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.goto("/billing/")
    assert not membership_status(expert).active
    page.locator("#pay-by-card").click()

    page.wait_for_url(re.compile(re.escape(standin.url) + r"/pay/cs_test_"))
    assert "120.00 EUR" in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Subscribe").click()

    page.wait_for_url(re.compile(r"/billing/$"))
    assert "success" in page.locator("#membership-status").get_attribute("class")
    assert membership_status(expert).active
    assert page.get_by_role("link", name=re.compile("PDF")).count() == 1


def test_member_pays_by_transfer_recorded_by_a_treasurer(open_page):
    """The treasurer reaches the awaited transfers from the dashboard."""
    expert = ExpertFactory()
    treasurer = UserFactory(is_staff=True)
    treasurer.groups.add(Group.objects.get_or_create(name="treasurer")[0])

    member_page = open_page()
    sign_in(member_page, expert.user.email, PASSWORD)
    member_page.wait_for_url(re.compile(r"/dashboard/$"))
    member_page.goto("/billing/")
    member_page.locator("#pay-by-transfer").click()
    member_page.wait_for_url(re.compile(r"/billing/transfer/"))
    reference = member_page.locator("#transfer-reference").inner_text().strip()
    assert reference.startswith("OUV-")
    assert not membership_status(expert).active

    treasury = open_page()
    sign_in_staff(treasury, treasurer.email, PASSWORD)
    treasury.wait_for_url(re.compile(r"/dashboard/$"))
    # the dashboard says a transfer waits, and leads to the treasury
    treasury.locator("main a[href='/billing/treasury/']").first.click()
    treasury.wait_for_url(re.compile(r"/billing/treasury/$"))
    treasury.get_by_role("link", name=re.compile(re.escape(reference))).click()
    treasury.locator("#id_amount").fill("120,00")
    treasury.locator("#check-transfer").click()
    # the check step says what will happen before anything is recorded
    assert "120,00" in treasury.get_by_role("main").inner_text()
    assert not membership_status(expert).active
    treasury.locator("#record-transfer").click()
    treasury.wait_for_url(re.compile(r"/billing/treasury/$"))
    assert reference in treasury.get_by_role("main").inner_text()

    member_page.goto("/billing/")
    assert "success" in member_page.locator("#membership-status").get_attribute("class")
    assert membership_status(expert).active
    with member_page.expect_download() as download:
        member_page.get_by_role("link", name=re.compile("PDF")).click()
    assert download.value.suggested_filename.startswith("OUV-")
