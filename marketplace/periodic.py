"""Periodic jobs: the timers of the platform (deadlines, reminders, renewals...).

Apps register plain, idempotent functions; the `worker` command (and
`run_periodic --once` in tests or from cron) calls each one when it is due::

    from marketplace import periodic

    @periodic.job(every=60)
    def missions_fire_timers() -> int: ...

A job must be safe to run twice at once or twice in a row: it selects what is
due with `select_for_update(skip_locked=True)` and changes it in one
transaction, so a second run finds nothing left to do.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

from core.observability.metrics import probe

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    func: Callable[[], object]
    every: int  # seconds
    last_run: float = 0.0


_JOBS: dict[str, Job] = {}


def job(*, every: int, name: str | None = None):
    def register(func):
        key = name or f"{func.__module__}.{func.__name__}"
        _JOBS[key] = Job(name=key, func=func, every=every)
        return func

    return register


def jobs() -> list[Job]:
    _import_app_modules()
    return sorted(_JOBS.values(), key=lambda item: item.name)


def run_due(*, force: bool = False) -> dict[str, object]:
    """Run every job whose interval has passed (all of them with force=True)."""
    results: dict[str, object] = {}
    now = time.monotonic()
    for item in jobs():
        if not force and now - item.last_run < item.every:
            continue
        item.last_run = now
        outcome = "ok"
        try:
            results[item.name] = item.func()
        except Exception:  # one broken job must not stop the others
            log.exception("periodic job %s failed", item.name, extra={"job": item.name})
            results[item.name] = "error"
            outcome = "error"
        _count_run(item.name, outcome)
    return results


# Job runs are counted in the cache (Redis in production), so that the web
# processes' /metrics report what the worker did.
RUNS_KEY = "periodic-runs:{}:{}"
LAST_KEY = "periodic-last:{}"


def _count_run(name: str, outcome: str) -> None:
    key = RUNS_KEY.format(name, outcome)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)
    cache.set(LAST_KEY.format(name), time.time(), timeout=None)


@probe(
    "ouvrage_periodic_job_runs",
    "Runs of each periodic job by outcome (ok, error), from the shared cache.",
    kind="counter",
    labels=("job", "outcome"),
)
def _runs_probe():
    names = [item.name for item in jobs()]
    keys = [RUNS_KEY.format(n, o) for n in names for o in ("ok", "error")]
    counts = cache.get_many(keys)
    return [
        ((n, o), counts.get(RUNS_KEY.format(n, o), 0))
        for n in names
        for o in ("ok", "error")
    ]


@probe(
    "ouvrage_periodic_job_last_run_timestamp_seconds",
    "When each periodic job last ran (Unix time; 0: never), from the shared cache.",
    labels=("job",),
)
def _last_run_probe():
    names = [item.name for item in jobs()]
    last = cache.get_many([LAST_KEY.format(n) for n in names])
    return [((n,), last.get(LAST_KEY.format(n), 0)) for n in names]


def _import_app_modules():
    """Jobs live in each project app's `timers.py`; importing it registers them."""
    for config in apps.get_app_configs():
        module = f"{config.name}.timers"
        # the project's apps sit at the top of the checkout; libraries do not
        ours = Path(config.path).parent == Path(settings.BASE_DIR)
        if ours and find_spec(module) is not None:
            import_module(module)
