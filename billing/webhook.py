"""Stripe's deliveries: verify the signature, store the event once, answer.

`webhook_receive` is the one receive path: the Django view
(`views.stripe_webhook`) and the bare ASGI app (`billing.asgi`) both call it
and answer with the status it returns. Processing happens after commit in a
task (`tasks.process_stripe_event` → `stripe_events.event_process`), so a slow
handler never delays the acknowledgement.
"""

from __future__ import annotations

import functools
import logging

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save
from django_tasks import task_backends
from django_tasks.signals import task_enqueued
from django_tasks.utils import normalize_json
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core import db_async

from . import stripe_client
from .models import StripeEvent
from .stripe_events import HANDLERS
from .tasks import process_stripe_event

log = logging.getLogger(__name__)


def webhook_receive(body: bytes, signature: str | None) -> int:
    """Verify, store once, and return the HTTP status to answer Stripe with.

    400 for a bad signature or payload (nothing stored); 200 otherwise, also
    for a type we do not handle and for an event id already stored.
    """
    event = _verified(body, signature)
    if event is None:
        return 400
    if event is not IGNORED:
        event_store(event=event)
    return 200


IGNORED = {}  # a verified event of a type we do not handle


def _verified(body: bytes, signature: str | None) -> dict | None:
    """The event if signed by Stripe (None: refused; IGNORED: a type not handled)."""
    try:
        event = stripe_client.webhook_verify(body, signature)
    except stripe_client.WebhookInvalid as error:
        log.warning("Stripe webhook refused: %s", error)
        return None
    if event["type"] not in HANDLERS:
        log.info(
            "Stripe webhook: ignored event type %s (%s)", event["type"], event["id"]
        )
        return IGNORED
    return event


async def webhook_receive_now(body: bytes, signature: str | None) -> int | None:
    """`webhook_receive` from the event loop, without a thread (the hot path).

    On PostgreSQL with the database task queue, the event and its task row
    are one statement (`_stored_now`) on an async connection: the ORM's two
    inserts and the hop to a worker thread were most of a delivery's CPU
    (py-spy, docs/benchmarks.md). None when this path does not apply: the
    caller runs `webhook_receive` in a thread.
    """
    if not (db_async.available() and _queue_in_database()):
        return None
    event = _verified(body, signature)
    if event is None:
        return 400
    if event is not IGNORED:
        await _stored_now(event)
    return 200


def event_store(*, event: dict) -> StripeEvent | None:
    """Store a verified event once; None if this id was already stored.

    Idempotency is the unique constraint on `stripe_id`: ten concurrent
    deliveries make one row, and only its insert schedules processing.
    """
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                stripe_id=event["id"], type=event["type"], payload=event
            )
            if _queue_in_database():
                # the task row commits with the event: one commit per delivery
                _enqueue(stored.pk)
            else:
                # a backend that runs the task at once must see the committed event
                transaction.on_commit(lambda: _enqueue(stored.pk))
    except IntegrityError:
        return None
    return stored


def _enqueue(pk) -> None:
    process_stripe_event.enqueue(event_pk=str(pk))


async def _stored_now(event: dict) -> bool:
    """Store the event and its task row in one statement; False if already stored.

    The rows are the ORM's: model instances built as `event_store` and
    django-tasks' `DatabaseBackend.enqueue` build them, their `pre_save`
    signals sent, each field's value prepared by the field itself; only the
    INSERTs are written out, so that the task row exists only if the event
    row was inserted (ON CONFLICT on the Stripe id: a redelivery stores
    nothing and schedules nothing). `task_enqueued` is sent as `enqueue`
    sends it.
    """
    stored = StripeEvent(stripe_id=event["id"], type=event["type"], payload=event)
    task = process_stripe_event
    backend = task.get_backend()
    backend.validate_task(task)
    queued = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json(
            {"args": [], "kwargs": {"event_pk": str(stored.pk)}}
        ),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    params = {**_values("e", stored), **_values("t", queued)}
    row = await db_async.fetchone(_stored_statement(), params)
    if row is None:
        return False
    for instance in (stored, queued):
        instance._state.adding, instance._state.db = False, "default"
        post_save.send(
            sender=type(instance), instance=instance, created=True,
            update_fields=None, raw=False, using="default",
        )  # fmt: skip
    task_enqueued.send(type(backend), task_result=queued.task_result)
    return True


def _values(prefix: str, instance) -> dict:
    """Each column's value as the ORM would insert it (after `pre_save`)."""
    pre_save.send(
        sender=type(instance), instance=instance, raw=False, using="default",
        update_fields=None,
    )  # fmt: skip
    return {
        f"{prefix}_{field.column}": field.get_db_prep_save(
            field.pre_save(instance, add=True), connection
        )
        for field in type(instance)._meta.concrete_fields
    }


@functools.cache
def _stored_statement() -> str:
    def columns(model, prefix):
        fields = model._meta.concrete_fields
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        values = ", ".join(f"%({prefix}_{f.column})s" for f in fields)
        return model._meta.db_table, names, values

    event_table, event_columns, event_values = columns(StripeEvent, "e")
    task_table, task_columns, task_values = columns(DBTaskResult, "t")
    return (
        f"WITH e AS (INSERT INTO {event_table} ({event_columns}) "  # noqa: S608
        f"VALUES ({event_values}) ON CONFLICT (stripe_id) DO NOTHING RETURNING 1) "
        f"INSERT INTO {task_table} ({task_columns}) SELECT {task_values} FROM e "
        "RETURNING 1"
    )


def _queue_in_database() -> bool:
    return isinstance(task_backends[process_stripe_event.backend], DatabaseBackend)
