"""Background work of billing (django-tasks)."""

from django_tasks import task

from . import stripe_events


@task()
def process_stripe_event(*, event_pk: str) -> str:
    """Process one stored webhook event (safe to run twice: processed events are skipped)."""
    return stripe_events.event_process(event_pk=event_pk)
