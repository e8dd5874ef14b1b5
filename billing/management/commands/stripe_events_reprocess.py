from django.core.management.base import BaseCommand

from billing.stripe_events import events_reprocess


class Command(BaseCommand):
    help = (
        "Process again the Stripe webhook events whose handler failed, and pending "
        "events older than --pending-after seconds (a lost task)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pending-after", type=int, default=60)
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, pending_after=60, limit=500, **options):
        counts = events_reprocess(include_pending_older_than=pending_after, limit=limit)
        if not counts:
            self.stdout.write("No event to process.")
        for status, count in sorted(counts.items()):
            self.stdout.write(f"{status}: {count}")
