from django.core.management.base import BaseCommand

from missions.diagrams import all_diagrams


class Command(BaseCommand):
    help = "Print the missions state machines as Mermaid diagrams (from the code's transitions)."

    def handle(self, *args, **options):
        self.stdout.write(all_diagrams())
