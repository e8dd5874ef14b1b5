"""The request id goes with the tasks a request enqueues, into the worker's log lines.

With the immediate backend the task runs inside the request: the id is already
there. With the database backend the worker runs it later, in another process:
the id is kept in the cache (Redis in production, shared by every process)
under the task's id for a day, and set again when the task starts.
"""

import logging

from django.core.cache import cache
from django_tasks.signals import task_enqueued, task_finished, task_started

from . import context, metrics

log = logging.getLogger("ouvrage.tasks")
KEY = "task-request-id:{}"
_tokens: dict[str, object] = {}


def enqueued(sender, task_result, **kwargs):
    request_id = context.current()
    if request_id:
        cache.set(KEY.format(task_result.id), request_id, 86_400)
    metrics.TASKS_ENQUEUED.labels(task_result.task.module_path).inc()
    log.info(
        "task enqueued",
        extra={"task": task_result.task.module_path, "task_id": str(task_result.id)},
    )


def started(sender, task_result, **kwargs):
    request_id = context.current() or cache.get(KEY.format(task_result.id)) or ""
    _tokens[str(task_result.id)] = context.request_id.set(request_id)
    log.info(
        "task started",
        extra={"task": task_result.task.module_path, "task_id": str(task_result.id)},
    )


def finished(sender, task_result, **kwargs):
    status = str(getattr(task_result.status, "value", task_result.status))
    metrics.TASKS_FINISHED.labels(task_result.task.module_path, status).inc()
    log.info(
        "task finished",
        extra={
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "task_status": status,
        },
    )
    token = _tokens.pop(str(task_result.id), None)
    if token is not None:
        try:
            context.request_id.reset(token)
        except ValueError:  # finished in another context than it started
            context.request_id.set("")


def connect() -> None:
    task_enqueued.connect(enqueued, dispatch_uid="ouvrage-task-enqueued")
    task_started.connect(started, dispatch_uid="ouvrage-task-started")
    task_finished.connect(finished, dispatch_uid="ouvrage-task-finished")
