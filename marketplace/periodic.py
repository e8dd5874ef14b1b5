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
        try:
            results[item.name] = item.func()
        except Exception:  # one broken job must not stop the others
            log.exception("periodic job %s failed", item.name)
            results[item.name] = "error"
    return results


def _import_app_modules():
    """Jobs live in each project app's `timers.py`; importing it registers them."""
    for config in apps.get_app_configs():
        module = f"{config.name}.timers"
        # the project's apps sit at the top of the checkout; libraries do not
        ours = Path(config.path).parent == Path(settings.BASE_DIR)
        if ours and find_spec(module) is not None:
            import_module(module)
