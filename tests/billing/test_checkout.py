"""Checkout in subscription mode and the Customer Portal, against the Stripe stand-in."""

import pytest
from django.contrib.messages import get_messages

from billing.models import (
    Invoice,
    LedgerEntry,
    Membership,
    Plan,
    StripeCustomer,
    Subscription,
)
from billing.selectors import membership_status
from tests.factories import CompanyMemberFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def _start_checkout(client, member, interval="year"):
    client.force_login(member.user)
    response = client.post("/billing/checkout/", {"interval": interval})
    assert response.status_code == 302
    return response["Location"].rsplit("/", 1)[1]


def test_checkout_creates_a_price_per_amount_and_sends_the_member_to_stripe(
    client, stripe_standin
):
    expert = ExpertFactory()
    session_id = _start_checkout(client, expert)
    session = stripe_standin.objects[session_id]
    assert session["mode"] == "subscription"
    assert session["client_reference_id"] == f"member:{expert.pk}"
    plan = Plan.objects.get(community="expert", interval="year")
    assert plan.amount_cents == 12_000
    assert stripe_standin.objects[plan.stripe_price_id]["unit_amount"] == 12_000
    # a second checkout reuses the Price
    _start_checkout(client, expert)
    assert Plan.objects.count() == 1
    assert (
        sum(1 for o in stripe_standin.objects.values() if o["object"] == "price") == 1
    )


def test_paid_checkout_activates_the_membership_with_invoice_and_ledger(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    session_id = _start_checkout(client, expert)
    deliver(*stripe_standin.complete_checkout(session_id))

    status = membership_status(expert)
    assert status.active and status.source == Membership.Source.STRIPE
    subscription = Subscription.objects.get()
    assert subscription.status == "active" and subscription.member == expert
    assert subscription.current_period_end is not None
    assert StripeCustomer.objects.get().member == expert
    invoice = Invoice.objects.get()
    assert invoice.status == "paid" and invoice.amount_cents == 12_000
    kinds = dict(LedgerEntry.objects.values_list("kind", "amount_cents"))
    assert kinds == {"payment": 12_000, "stripe_fee": -(12_000 * 150 // 10_000 + 25)}


def test_company_subscription_covers_the_whole_organization(
    client, stripe_standin, deliver
):
    owner = CompanyMemberFactory()
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    session_id = _start_checkout(client, owner, interval="month")
    deliver(*stripe_standin.complete_checkout(session_id))
    assert membership_status(colleague).active
    assert Invoice.objects.get().amount_cents == 5_500


def test_a_company_member_who_is_not_owner_cannot_pay(client, stripe_standin):
    owner = CompanyMemberFactory()
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    client.force_login(colleague.user)
    response = client.post("/billing/checkout/", {"interval": "year"}, follow=True)
    assert response.redirect_chain == [("/billing/", 302)]
    assert "Seul un responsable" in response.content.decode()
    assert not any(
        o["object"] == "checkout.session" for o in stripe_standin.objects.values()
    )


def test_stripe_unreachable_during_checkout_says_so_and_writes_nothing(
    client, stripe_unreachable
):
    expert = ExpertFactory()
    client.force_login(expert.user)
    response = client.post("/billing/checkout/", {"interval": "year"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot be reached" in text or "injoignable" in text
    assert Plan.objects.count() == 0
    assert StripeCustomer.objects.count() == 0
    assert Subscription.objects.count() == 0
    assert not membership_status(expert).active


def test_retry_after_stripe_came_back_works(client, settings, stripe_unreachable):
    expert = ExpertFactory()
    client.force_login(expert.user)
    client.post("/billing/checkout/", {"interval": "year"})
    from tests.billing.stripe_standin import StripeStandIn

    standin = StripeStandIn().start()
    try:
        settings.STRIPE_API_BASE = standin.url
        response = client.post("/billing/checkout/", {"interval": "year"})
        assert response["Location"].startswith(standin.url + "/pay/")
    finally:
        standin.stop()


def test_return_page_syncs_the_session_even_before_the_webhook(client, stripe_standin):
    expert = ExpertFactory()
    session_id = _start_checkout(client, expert)
    stripe_standin.complete_checkout(session_id)  # events not delivered yet
    response = client.get(
        f"/billing/checkout/done/?session_id={session_id}", follow=True
    )
    assert response.status_code == 200
    assert membership_status(expert).active


def test_return_page_ignores_another_members_session(client, stripe_standin):
    payer, other = ExpertFactory(), ExpertFactory()
    session_id = _start_checkout(client, payer)
    stripe_standin.complete_checkout(session_id)
    client.force_login(other.user)
    response = client.get(f"/billing/checkout/done/?session_id={session_id}")
    # the same answer as for a payment not confirmed yet: nothing to learn
    assert (response.status_code, response["Location"]) == (302, "/billing/")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]
    assert not membership_status(other).active
    assert Subscription.objects.count() == 0


def test_customer_portal_redirects_to_stripe(client, stripe_standin, deliver):
    expert = ExpertFactory()
    session_id = _start_checkout(client, expert)
    deliver(*stripe_standin.complete_checkout(session_id))
    response = client.post("/billing/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith(stripe_standin.url + "/portal/")


def test_portal_without_a_card_payment_explains(client, stripe_standin):
    expert = ExpertFactory()
    client.force_login(expert.user)
    response = client.post("/billing/portal/", follow=True)
    assert response.status_code == 200
    assert not any(
        o["object"] == "billing_portal.session" for o in stripe_standin.objects.values()
    )


def test_a_second_subscription_is_refused(client, stripe_standin, deliver):
    expert = ExpertFactory()
    session_id = _start_checkout(client, expert)
    deliver(*stripe_standin.complete_checkout(session_id))
    response = client.post("/billing/checkout/", {"interval": "month"}, follow=True)
    assert "portail Stripe" in response.content.decode()
    sessions = [
        o for o in stripe_standin.objects.values() if o["object"] == "checkout.session"
    ]
    assert len(sessions) == 1


def test_without_stripe_the_card_is_unavailable_and_checkout_says_why(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    expert = ExpertFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(expert.user)
    page = client.get("/billing/").content.decode()
    assert "Card payment is not available yet" in page
    assert 'id="pay-by-card"' not in page and 'id="pay-by-transfer"' in page
    # a checkout posted anyway (an old tab) is answered, not silently dropped
    response = client.post("/billing/checkout/", {"interval": "year"})
    assert response.status_code == 302 and response["Location"] == "/billing/"
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert told == ["Card payment is not available yet. You can pay by bank transfer."]
    assert Plan.objects.count() == 0 and StripeCustomer.objects.count() == 0
