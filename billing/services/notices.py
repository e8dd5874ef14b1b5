"""What billing tells the people who pay, in each one's language."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.templatetags.ui import format_when
from marketplace import notifications
from marketplace.i18n import in_language
from marketplace.services import notify

from .holders import holder_recipients

notifications.register(
    "billing.payment_received", _("A membership payment was received")
)
notifications.register("billing.payment_failed", _("A membership payment failed"))
notifications.register(
    "billing.action_required", _("A payment needs your confirmation")
)
notifications.register("billing.trial_ending", _("Your trial ends soon"))
notifications.register(
    "billing.renewal_reminder", _("Your membership is up for renewal")
)
notifications.register(
    "billing.price_change", _("The membership fee changes at renewal")
)


def holder_tell(
    *, holder: dict, kind: str, title, body, url: str = "/billing/", **params
) -> None:
    """Notify every recipient of a holder, in each one's language (lazy strings).

    A date among `params` is written in words in the recipient's language
    ("30 novembre 2027"), the one format of dates on every page.
    """
    for recipient in holder_recipients(**holder):
        with in_language(recipient):
            shown = {
                key: format_when(value) if isinstance(value, dt.date) else value
                for key, value in params.items()
            }
            notify(
                member=recipient,
                kind=kind,
                title=str(title) % shown,
                body=str(body) % shown,
                url=url,
            )


def amount_text(cents: int) -> str:
    return f"{cents / 100:.2f} €".replace(".", ",")
