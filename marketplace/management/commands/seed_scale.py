"""Create bulk data for benchmarks: 20,000 experts and 100,000 needs by default."""

import time
from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError

from marketplace.models import User
from marketplace.scale import ScaleContext

# each app's scale.py seeds on top of the ones before it (needs come from missions)
SCALE_MODULES = ["marketplace", "billing", "governance", "missions"]


class Command(BaseCommand):
    help = "Load bulk data for performance work (experts, organizations, needs)."

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=int, default=20_000)
        parser.add_argument("--needs", type=int, default=100_000)
        parser.add_argument("--organizations", type=int, default=500)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, experts, needs, organizations, seed, **options):
        if User.objects.filter(email__endswith="@scale.ouvrage.test").exists():
            raise CommandError("Scale data is already loaded in this database.")
        ctx = ScaleContext(
            experts=experts, needs=needs, organizations_count=organizations, seed=seed
        )
        started = time.perf_counter()
        for app in SCALE_MODULES:
            if find_spec(f"{app}.scale") is None:
                if app == "missions" and needs:
                    self.stderr.write(
                        "missions/scale.py is missing: no needs created (the missions "
                        "app owns Need; see marketplace/scale.py for the hook)."
                    )
                continue
            step = time.perf_counter()
            import_module(f"{app}.scale").seed(ctx)
            self.stdout.write(f"{app}: {time.perf_counter() - step:.1f} s")
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh statistics for the planner
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data loaded in {time.perf_counter() - started:.1f} s: "
                f"{experts} experts, {organizations} organizations"
                + (f", {needs} needs requested" if needs else "")
                + "."
            )
        )
