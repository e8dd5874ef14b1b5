"""Periodic jobs of billing (run by `manage.py worker` / `run_periodic`)."""

from marketplace import periodic

from . import services, stripe_client, stripe_events


@periodic.job(every=3600)
def billing_renewal_reminders() -> int:
    """Reminders 30 and 7 days before a membership ends (once each)."""
    return services.renewal_reminders_send()


@periodic.job(every=3600)
def billing_plans_follow_rules() -> dict:
    """New fee voted: new plan and Stripe Price; subscriptions moved at renewal."""
    if not stripe_client.enabled():
        return {"archived": services.plans_sync(), "moved": 0}
    return {
        "archived": services.plans_sync(),
        "moved": services.subscriptions_move_prices(),
    }


@periodic.job(every=300)
def billing_stripe_events_retry() -> dict:
    """Failed webhook events, and pending ones whose task was lost, are tried again."""
    return stripe_events.events_reprocess(
        include_pending_older_than=120, limit=200, max_attempts=20
    )
