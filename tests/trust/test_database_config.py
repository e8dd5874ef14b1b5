"""One database configuration: SQLite from DATABASE_URL=sqlite:///... gets the
same safeguards as the default path (issue 15, item 8)."""

import json
import subprocess
import sys

from tests.marketplace.test_settings import ROOT, clean_environment

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
db = settings.DATABASES["default"]
print(json.dumps({"options": db["OPTIONS"], "name": str(db["NAME"]),
                  "journal": journal, "busy_ms": busy}))
"""


def _probe(**environment) -> dict:
    env = clean_environment()
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **environment)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_sqlite_from_database_url_has_the_default_paths_safeguards(tmp_path):
    default = _probe(SQLITE_PATH=str(tmp_path / "default.sqlite3"))
    from_url = _probe(DATABASE_URL=f"sqlite:///{tmp_path / 'url.sqlite3'}")
    assert from_url["name"].endswith("url.sqlite3")
    assert from_url["options"] == default["options"]
    assert from_url["options"]["transaction_mode"] == "IMMEDIATE"
    for found in (default, from_url):
        assert found["journal"] == "wal"
        assert found["busy_ms"] == 20_000
