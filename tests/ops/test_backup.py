"""Backup and restore (PostgreSQL): dump a seeded database, restore it into a new
one, and find every table with the same number of rows.

It runs in the PostgreSQL run of `.ci/run`; on SQLite there is no pg_dump to test.
"""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    user = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{user}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _row_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT quote_ident(table_name) FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def test_a_backup_restores_every_row_of_every_table(tmp_path):
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    call_command(
        "seed_scale",
        needs=200,
        experts=60,
        organizations=5,
        stdout=io.StringIO(),
    )
    with connection.cursor() as cursor:
        before = _row_counts(cursor)
    assert sum(1 for n in before.values() if n) >= 10  # a seeded database
    source = _url(connection.settings_dict["NAME"])
    restored_name = connection.settings_dict["NAME"] + "_restored"
    target = _url(restored_name)
    admin = _url("postgres")
    env = {**os.environ, "DATABASE_URL": source}
    subprocess.run(
        ["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}"'], check=True
    )
    try:
        subprocess.run([ROOT / "scripts" / "backup", tmp_path], env=env, check=True)
        assert (tmp_path / "database.dump").stat().st_size > 0
        subprocess.run(
            [ROOT / "scripts" / "restore", tmp_path, target], env=env, check=True
        )
        # the restore refuses to write over an existing database
        again = subprocess.run(
            [ROOT / "scripts" / "restore", tmp_path, target],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert again.returncode == 1 and "exists" in again.stderr
        import psycopg  # the restored database is another connection than Django's

        with psycopg.connect(target) as restored:
            after = _row_counts(restored.cursor())
        assert after == before
    finally:
        subprocess.run(
            ["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{restored_name}"'],
            check=True,
        )
