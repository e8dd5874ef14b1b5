import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace import periodic


class Command(BaseCommand):
    help = (
        "The background worker: runs periodic jobs and, with the database task "
        "backend, executes queued tasks (django-tasks-db's db_worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=15.0)

    def handle(self, *args, tick=15.0, **options):
        child = None
        if settings.TASKS_BACKEND == "database":
            child = subprocess.Popen([sys.executable, "manage.py", "db_worker"])
        stop = threading.Event()
        try:
            while not stop.is_set():
                periodic.run_due()
                if child is not None and child.poll() is not None:
                    raise SystemExit(f"db_worker stopped with {child.returncode}")
                time.sleep(tick)
        finally:
            if child is not None and child.poll() is None:
                child.terminate()
