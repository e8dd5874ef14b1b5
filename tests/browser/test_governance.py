"""A motion changing the expert fee runs from draft to enacted in the browser,
and the software then uses the new price.

The new price is then checked on the public rules page and where money is
asked: an unpaid expert opens the Stripe Checkout (the local stand-in of
Stripe's API, as in tests/browser/test_billing.py) and is asked 90.00 EUR.

Clock: a vote lasts days. After the browser steps, the test moves the motion's
voting window into the past (one UPDATE on its dates) and runs the periodic
jobs unchanged, exactly as the worker would once the dates had passed.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core import rules
from governance import services
from governance.models import Motion
from marketplace import periodic
from tests.browser.conftest import sign_in
from tests.browser.test_billing import standin, stripe_site  # noqa: F401 (fixtures)
from tests.factories import PASSWORD, ExpertFactory
from tests.governance.factories import voter

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_daphne(stripe_site):  # noqa: F811
    """The pages of this module are served with Stripe on (its API: the stand-in)."""
    return stripe_site


def test_expert_fee_motion_from_draft_to_enacted_then_new_price_applies(new_page):
    author = voter("experts")
    page = new_page("en-US")
    sign_in(page, author.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/$"))

    # draft: the new fee is typed in euros, then checked as a sentence
    page.goto("/governance/motions/new/")
    page.get_by_label("Rule change").check()
    page.get_by_label("Title").fill("Lower the expert fee to 90 €")
    page.get_by_label("Why?").fill("More experts will join.")
    page.get_by_label("Rule to change").select_option(
        label="Yearly membership of an expert"
    )
    page.get_by_label("Yearly membership of an expert, in euros").fill("90")
    page.get_by_role("button", name="Continue").click()
    preview = page.locator("#motion-preview").inner_text()
    assert "goes from" in preview and "120.00" in preview and "90.00" in preview
    assert "fees.expert" not in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r"/governance/motions/[0-9a-f-]+/$"))
    assert "Draft" in page.get_by_role("main").inner_text()
    assert Motion.objects.get().changes == {"fees.expert.yearly_cents": 9000}

    # deliberation, three co-sponsors, vote
    page.get_by_role("button", name="Open to deliberation").click()
    page.wait_for_load_state()
    motion = Motion.objects.get()
    assert motion.state == Motion.State.DELIBERATION
    for college in ("experts", "companies", "founders"):
        services.motion_sponsor(motion=motion, member=voter(college))
    page.reload()
    # an irreversible step: a dialog says what will happen before it does
    page.get_by_role("button", name="Put to vote").click()
    page.get_by_role("button", name="Open the vote").click()
    page.wait_for_url(re.compile(r"/governance/motions/[0-9a-f-]+/$"))
    assert "Voting" in page.get_by_role("main").inner_text()

    page.get_by_role("link", name="Vote", exact=True).click()
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Cast my ballot").click()
    receipt = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", receipt)
    motion.refresh_from_db()
    for college in ("companies", "founders"):
        services.ballot_cast(motion=motion, member=voter(college), choice="for")

    # the clock jumps past the close and the cooling-off delay; the worker runs
    now = timezone.now()
    cooling = dt.timedelta(days=rules.get("governance.cooling_off_days"))
    closes = now - cooling - dt.timedelta(seconds=1)
    Motion.objects.filter(pk=motion.pk).update(
        voting_opens_at=closes - dt.timedelta(days=7), voting_closes_at=closes
    )
    periodic.run_due(force=True)  # closes the vote (adopted, scheduled)
    periodic.run_due(force=True)  # enacts it
    motion.refresh_from_db()
    assert (motion.state, motion.enactment) == ("adopted", "enacted")
    assert rules.get("fees.expert.yearly_cents") == 9000

    # the public rules page shows the new price, and the motion and tally behind it
    page.goto("/governance/rules/fees.expert.yearly_cents/")
    main = page.get_by_role("main").inner_text()
    assert "Value now: €90.00" in main or "90,00 €" in main or "90.00" in main
    page.get_by_role("link", name="Lower the expert fee to 90 €").first.click()
    page.get_by_role("link", name="Results and anonymous ballots").click()
    page.get_by_label("Receipt code").fill(receipt)
    page.get_by_role("button", name="Check").click()
    assert (
        "Your ballot is in the published list"
        in page.locator("#receipt-result").inner_text()
    )

    # billing obeys: a new expert's checkout asks the enacted price
    newcomer = ExpertFactory()
    billing_page = new_page("en-US")
    sign_in(billing_page, newcomer.user.email, PASSWORD)
    billing_page.wait_for_url(re.compile(r"/dashboard/$"))
    billing_page.goto("/billing/")
    assert "90.00" in billing_page.get_by_role("main").inner_text()
    billing_page.locator("#pay-by-card").click()
    billing_page.wait_for_url(re.compile(r"/pay/cs_test_"))
    assert "90.00 EUR" in billing_page.get_by_role("main").inner_text()
