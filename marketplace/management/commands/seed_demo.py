from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoContext, email_for
from marketplace.models import Member

# each app's demo.py seeds on top of the ones before it
DEMO_MODULES = [
    "marketplace",
    "billing",
    "governance",
    "missions",
    "transparency",
    "spaces",
    "cms",  # last: the public site shows the others' motions and sealed months
]


class Command(BaseCommand):
    help = (
        "Load a believable French demo into an empty database (does nothing otherwise)."
    )

    def handle(self, *args, **options):
        if Member.objects.exists():
            self.stdout.write("The database already holds members: demo not loaded.")
            return
        ctx = DemoContext()
        with transaction.atomic():
            for app in DEMO_MODULES:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(ctx.members)} members. Sign in as "
                f"{email_for('claire')} (company) or {email_for('camille')} (expert), "
                f"password {DEMO_PASSWORD!r}; staff: {email_for('admin')} "
                f"(two-factor: authenticator app key {DEMO_TOTP_SECRET})."
            )
        )
