import time

from django.core.management.base import BaseCommand

from marketplace import periodic


class Command(BaseCommand):
    help = "Run the platform's periodic jobs (timers, reminders) now, or in a loop."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and stop."
        )
        parser.add_argument(
            "--tick", type=float, default=15.0, help="Seconds between checks."
        )

    def handle(self, *args, once=False, tick=15.0, **options):
        if once:
            for name, result in periodic.run_due(force=True).items():
                self.stdout.write(f"{name}: {result}")
            return
        while True:
            periodic.run_due()
            time.sleep(tick)
