"""Settings come from the environment; production mode passes check --deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "conn_max_age": db["CONN_MAX_AGE"],
    "pool": db.get("OPTIONS", {}).get("pool"),
    "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS,
    "email": settings.EMAIL_BACKEND, "stripe": settings.STRIPE_SECRET_KEY,
}))
"""


# what the test process may carry (the browser tests allow async-unsafe calls)
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}


def settings_with(**environment) -> dict:
    env = clean_environment()
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **environment)
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_nothing_set_means_sqlite_and_in_memory_layer():
    found = settings_with()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"].endswith("var/ouvrage.sqlite3")
    assert found["layer"] == "channels.layers.InMemoryChannelLayer"
    assert found["email"] == "django.core.mail.backends.console.EmailBackend"
    assert found["conn_max_age"] == 0


def test_urls_switch_to_postgres_with_pool_and_redis():
    found = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ouvrage",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://mailer:secret@smtp.example.org:587",
        STRIPE_SECRET_KEY="sk_test_123",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "ouvrage"
    assert found["conn_max_age"] == 0  # not persistent under ASGI...
    assert found["pool"]["max_size"] >= 1  # ...psycopg's pool instead
    assert found["layer"] == "channels_redis.core.RedisChannelLayer"
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["stripe"] == "sk_test_123"


def test_debug_and_hosts_from_environment():
    found = settings_with(DEBUG="0", ALLOWED_HOSTS="ouvrage.coop,www.ouvrage.coop")
    assert found["debug"] is False
    assert found["hosts"] == ["ouvrage.coop", "www.ouvrage.coop"]


def test_production_mode_passes_check_deploy_without_warning():
    env = clean_environment()
    env.update(
        DEBUG="0",
        SECRET_KEY="k3!x9$Zq-production-secret-key-that-is-long-and-random-7f2a91c04e5d",
        ALLOWED_HOSTS="ouvrage.coop",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "?: (security" not in result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_with_debug_on():
    env = clean_environment()
    env.update(DEBUG="1", SECRET_KEY="short")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "security.W018" in result.stderr  # DEBUG on is reported: the check is real
