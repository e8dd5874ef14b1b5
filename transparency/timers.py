"""Periodic job of transparency (run by `manage.py worker` / `run_periodic`)."""

from marketplace import periodic

from . import services


@periodic.job(every=3600)
def transparency_close_previous_month() -> str:
    """In the first days of a month, seal the month before (once)."""
    return services.close_previous_month()
