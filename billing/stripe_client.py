"""The only module that talks to Stripe, through the official SDK.

Configuration is read from settings at each call (never at import), so tests
can point `STRIPE_API_BASE` at a stand-in server. Every call returns plain
dicts (`StripeObject.to_dict()`): since SDK v16 a StripeObject is not a dict,
and the rest of billing reads Stripe's data with `dig()` instead.

The API version is pinned here, and is the one the webhook endpoint must be
configured with in the Stripe dashboard (see README).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import stripe
from django.conf import settings

log = logging.getLogger(__name__)

API_VERSION = "2026-10-28.endive"
TIMEOUT_SECONDS = 15
# how old a webhook signature may be (Stripe's default tolerance)
WEBHOOK_TOLERANCE_SECONDS = 300


class StripeUnavailable(Exception):
    """Stripe could not be reached or refused the call; nothing was changed locally."""


class WebhookInvalid(ValueError):
    """A webhook body that is not signed by our endpoint secret, too old, or not JSON."""


def enabled() -> bool:
    """Stripe is used only when a secret key is configured (not in `make run`)."""
    return bool(settings.STRIPE_SECRET_KEY)


def configure() -> None:
    stripe.api_key = settings.STRIPE_SECRET_KEY
    stripe.api_version = API_VERSION
    stripe.api_base = settings.STRIPE_API_BASE or stripe.DEFAULT_API_BASE
    stripe.max_network_retries = getattr(settings, "STRIPE_MAX_NETWORK_RETRIES", 2)
    if not isinstance(stripe.default_http_client, stripe.RequestsClient):
        stripe.default_http_client = stripe.RequestsClient(timeout=TIMEOUT_SECONDS)


def _call(method, *args, **kwargs) -> dict:
    configure()
    try:
        result = method(*args, **kwargs)
    except stripe.APIConnectionError as error:
        log.warning("Stripe unreachable: %s", error)
        raise StripeUnavailable(str(error)) from error
    except stripe.StripeError as error:
        log.warning("Stripe refused a call: %s", error)
        raise StripeUnavailable(str(error)) from error
    return result.to_dict()


def dig(data: Any, path: str, default: Any = None) -> Any:
    """`dig(invoice, "parent.subscription_details.subscription")`, None-safe."""
    for key in path.split("."):
        if isinstance(data, dict) and data.get(key) is not None:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return default
    return data


def object_id(value: Any) -> str:
    """The id of an expandable field, expanded or not."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


# --- catalogue ---------------------------------------------------------------------------


def product_create(*, name: str, community: str) -> dict:
    return _call(
        stripe.Product.create,
        name=name,
        metadata={"community": community},
        idempotency_key=f"ouvrage-product-{community}",
    )


def price_create(
    *, product: str, amount_cents: int, currency: str, interval: str, community: str
) -> dict:
    return _call(
        stripe.Price.create,
        product=product,
        unit_amount=amount_cents,
        currency=currency.lower(),
        recurring={"interval": interval},
        metadata={"community": community, "interval": interval},
        # two requests racing for the same new amount get the same Price
        idempotency_key=f"ouvrage-price-{community}-{interval}-{amount_cents}-{currency}",
    )


def price_archive(*, price: str) -> dict:
    return _call(stripe.Price.modify, price, active=False)


# --- checkout and portal -------------------------------------------------------------------


def checkout_session_create(**params) -> dict:
    return _call(stripe.checkout.Session.create, mode="subscription", **params)


def checkout_session_retrieve(session_id: str) -> dict:
    return _call(stripe.checkout.Session.retrieve, session_id)


def portal_session_create(*, customer: str, return_url: str) -> dict:
    return _call(
        stripe.billing_portal.Session.create, customer=customer, return_url=return_url
    )


# --- what webhooks make us re-read ----------------------------------------------------------


def subscription_retrieve(subscription_id: str) -> dict:
    return _call(stripe.Subscription.retrieve, subscription_id)


def subscription_item_set_price(*, item: str, price: str) -> dict:
    """Move a subscription item to another price from its next renewal (no proration)."""
    return _call(
        stripe.SubscriptionItem.modify, item, price=price, proration_behavior="none"
    )


def invoice_retrieve(invoice_id: str) -> dict:
    return _call(stripe.Invoice.retrieve, invoice_id)


def invoice_charge(invoice_id: str) -> dict | None:
    """The charge that paid an invoice, with its balance transaction (for the fee).

    Since API 2025-03-31 an invoice no longer names its charge: its payments do.
    """
    payments = _call(stripe.InvoicePayment.list, invoice=invoice_id, limit=10)
    for payment in payments.get("data", []):
        if payment.get("status") != "paid":
            continue
        charge_id = object_id(dig(payment, "payment.charge"))
        if not charge_id:
            intent_id = object_id(dig(payment, "payment.payment_intent"))
            if intent_id:
                intent = _call(stripe.PaymentIntent.retrieve, intent_id)
                charge_id = object_id(intent.get("latest_charge"))
        if charge_id:
            return _call(
                stripe.Charge.retrieve, charge_id, expand=["balance_transaction"]
            )
    return None


def charge_refunds(charge_id: str) -> list[dict]:
    return _call(stripe.Refund.list, charge=charge_id, limit=100).get("data", [])


# --- webhooks -----------------------------------------------------------------------------------


def webhook_verify(payload: bytes, signature_header: str | None) -> dict:
    """The event as a dict if `payload` is signed with our endpoint secret, recent and JSON."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature_header:
        raise WebhookInvalid("missing signature or endpoint secret")
    if not signature_header.isascii() or len(signature_header) > 4096:
        # hmac.compare_digest raises TypeError on non-ASCII text: refuse first
        raise WebhookInvalid("signature header is not short ASCII text")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            text, signature_header, secret, WEBHOOK_TOLERANCE_SECONDS
        )
        event = json.loads(text)
    except (
        UnicodeDecodeError,
        ValueError,
        RecursionError,
        stripe.SignatureVerificationError,
    ) as error:
        raise WebhookInvalid(str(error)) from error
    if not isinstance(event, dict) or not isinstance(event.get("id"), str):
        raise WebhookInvalid("not an event")
    if not isinstance(event.get("type"), str) or not isinstance(
        event.get("data"), dict
    ):
        raise WebhookInvalid("not an event")
    return event
