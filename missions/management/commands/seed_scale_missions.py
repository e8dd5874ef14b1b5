from django.core.management.base import BaseCommand

from missions.scale import seed_scale_missions


class Command(BaseCommand):
    help = "Add scale data for missions (100,000 needs, 300,000 proposals, 50,000 missions)."

    def add_arguments(self, parser):
        parser.add_argument("--needs", type=int, default=100_000)
        parser.add_argument("--missions", type=int, default=50_000)
        parser.add_argument("--proposals-per-need", type=int, default=3)

    def handle(self, *args, needs, missions, proposals_per_need, **options):
        created = seed_scale_missions(
            needs=needs,
            missions=missions,
            proposals_per_need=proposals_per_need,
            log=self.stdout.write,
        )
        self.stdout.write(self.style.SUCCESS(f"missions scale data: {created}"))
