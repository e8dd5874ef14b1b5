"""Billing fixtures: the Stripe stand-in, signed webhook deliveries, billing factories."""

import json

import pytest

from tests.billing.stripe_standin import StripeStandIn

WEBHOOK_SECRET = "whsec_test_ouvrage"
WEBHOOK_PATH = "/billing/stripe/webhook/"


@pytest.fixture
def stripe_standin(settings):
    """Stripe is on, and its API is the stand-in server."""
    standin = StripeStandIn(webhook_secret=WEBHOOK_SECRET).start()
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = standin.url
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield standin
    standin.stop()


@pytest.fixture
def stripe_unreachable(settings):
    """Stripe is on but nothing answers at its address."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"
    settings.STRIPE_MAX_NETWORK_RETRIES = 0


def post_event(client, event: dict, *, secret: str = WEBHOOK_SECRET, timestamp=None):
    """POST an event to the webhook, signed as Stripe signs it."""
    import stripe

    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        payload, secret, timestamp=timestamp
    )
    return client.post(
        WEBHOOK_PATH,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """deliver(*events): post each event (processing runs on commit), assert 200."""

    def _deliver(*events):
        for event in events:
            with django_capture_on_commit_callbacks(execute=True):
                response = post_event(client, event)
            assert response.status_code == 200, response.content

    return _deliver
