"""The ledger: append-only, one row per movement of money, booked once."""

from __future__ import annotations

from ..models import LedgerEntry
from .holders import holder_community


def ledger_add(*, holder: dict, **fields) -> LedgerEntry | None:
    """Append one entry unless this movement is already booked (callers hold a lock)."""
    key = {name: fields[name] for name in ("kind", "source", "reference")}
    if LedgerEntry.objects.filter(**key).exists():
        return None
    entry = LedgerEntry(community=holder_community(holder), **holder, **fields)
    entry.full_clean()
    entry.save()
    return entry
