"""Side rows of a transition (audit lines, notifications), written one by one or in bulk.

Outside `batched()`, `audit()` and `tell()` write at once through the
foundation's `audit_record` and `notify`. Inside it (the timer jobs, which move
hundreds of rows per transaction), they are buffered and `flush()` writes them
with one bulk insert each, reads the e-mail preferences in one query and
enqueues one e-mail task for the whole chunk after commit. Small caches
(company members per organization, rule values) live as long as the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from uuid import UUID

from django.db import transaction

from core.templatetags.ui import format_when
from marketplace import notifications as kinds_registry
from marketplace.i18n import in_language
from marketplace.models import AuditEvent, EmailPreference, Member, Notification
from marketplace.services import audit_record, notify

from .tasks import send_notification_emails


@dataclass
class Batch:
    audits: list[AuditEvent] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    cache: dict = field(default_factory=dict)

    def flush(self) -> None:
        AuditEvent.objects.bulk_create(self.audits, batch_size=1000)
        made = Notification.objects.bulk_create(self.notifications, batch_size=1000)
        self.audits, self.notifications = [], []
        if not made:
            return
        stored = {
            (member_id, kind): enabled
            for member_id, kind, enabled in EmailPreference.objects.filter(
                member_id__in={n.member_id for n in made},
                kind__in={n.kind for n in made},
            ).values_list("member_id", "kind", "enabled")
        }
        wanted = [
            str(n.pk)
            for n in made
            if stored.get(
                (n.member_id, n.kind), kinds_registry.get(n.kind).email_by_default
            )
        ]
        if wanted:
            transaction.on_commit(
                lambda: send_notification_emails.enqueue(notification_ids=wanted)
            )


_current: ContextVar[Batch | None] = ContextVar("missions_batch", default=None)


@contextmanager
def batched():
    """Buffer audit lines and notifications until the block ends (inside its transaction)."""
    batch = Batch()
    token = _current.set(batch)
    try:
        yield batch
        batch.flush()
    finally:
        _current.reset(token)


def cached(key, compute):
    """`compute()` once per batch (every time outside a batch)."""
    batch = _current.get()
    if batch is None:
        return compute()
    if key not in batch.cache:
        batch.cache[key] = compute()
    return batch.cache[key]


def prime(key, value) -> None:
    """Put a value computed in bulk into the batch's cache (no-op outside a batch)."""
    batch = _current.get()
    if batch is not None:
        batch.cache[key] = value


def audit(
    *, actor, action: str, target, from_state="", to_state="", reason="", data=None
):
    batch = _current.get()
    if batch is None:
        return audit_record(
            actor=actor,
            action=action,
            target=target,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            data=data,
        )
    batch.audits.append(
        AuditEvent(
            actor=actor if actor is not None and actor.is_authenticated else None,
            action=action,
            target_type=target._meta.label_lower,
            target_id=target.pk
            if isinstance(target.pk, UUID)
            else UUID(str(target.pk)),
            from_state=from_state or "",
            to_state=to_state or "",
            reason=reason or "",
            data=data or {},
        )
    )
    return batch.audits[-1]


def tell(
    members: Iterable[Member], *, kind: str, message, params: dict, url: str
) -> None:
    """Notify each member in their own language (the e-mail leaves after commit).

    A date among `params` is written in words in the member's language.
    """
    batch = _current.get()
    for member in members:
        with in_language(member):
            shown = {
                key: format_when(value) if isinstance(value, dt.date) else value
                for key, value in params.items()
            }
            title = str(message) % shown
        if batch is None:
            notify(member=member, kind=kind, title=title, url=url)
        else:
            kinds_registry.get(kind)
            batch.notifications.append(
                Notification(member=member, kind=kind, title=title[:200], url=url)
            )
