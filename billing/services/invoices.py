"""Invoice numbers: one gapless series per year."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ..models import InvoiceCounter


def invoice_number_next(*, on: dt.date | None = None) -> str:
    """The next number of the year's series, e.g. OUV-2026-00042. Call inside the
    invoice's transaction: the counter row stays locked until it commits."""
    assert transaction.get_connection().in_atomic_block, (
        "number invoices inside a transaction"
    )
    series = f"OUV-{(on or timezone.localdate()).year}"
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(series=series)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number", "updated_at"])
    return f"{series}-{counter.last_number:05d}"
