"""Real daphne processes against PostgreSQL and Redis, for the benchmarks.

Environment (defaults in brackets):
  BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/ouvrage_bench]
  REDIS_URL          [redis://127.0.0.1:6379/0]
  CHANNEL_LAYER_PREFIX [msg_bench]
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable


def environment(database_url: str | None = None) -> dict[str, str]:
    """The environment daphne and the harness share (database, Redis, settings)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url or os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ouvrage_bench"
    )
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    env.setdefault("CHANNEL_LAYER_PREFIX", "msg_bench")
    env.setdefault("SECRET_KEY", "benchmark-secret-key-not-for-production-0123456789")
    env["DEBUG"] = "0"
    env["SECURE_SSL_REDIRECT"] = "0"
    env.setdefault("LOG_LEVEL", "WARNING")
    env.setdefault(
        "TASKS_BACKEND", "dummy"
    )  # no notification e-mails while building data
    # the project's settings, a bare view, plain static files (no collectstatic)
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    env["PYTHONPATH"] = str(ROOT)
    return env


def setup_django() -> None:
    """Configure Django in this process with the benchmark environment."""
    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database() -> None:
    """Create the benchmark database if missing, then migrate it."""
    import psycopg

    url = environment()["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment(),
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Daphne:
    """One daphne process serving benchmarks.asgi on 127.0.0.1:<port>."""

    def __init__(self, port: int | None = None, database_url: str | None = None):
        self.port = port or free_port()
        self.database_url = database_url
        self.process: subprocess.Popen | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, path: str) -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def start(self, timeout: float = 30) -> "Daphne":
        daphne = str(Path(PYTHON).parent / "daphne")
        self.log = ROOT / "var" / f"bench-daphne-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [
                daphne,
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "benchmarks.asgi:application",
            ],
            cwd=ROOT,
            env=environment(self.database_url),
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("daphne did not start in time")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the daphne process has used so far."""
        fields = (
            Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        )
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def flush_channel_layer() -> None:
    """Drop leftovers of earlier runs under our prefix in the Redis database."""
    import redis

    env = environment()
    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(match=env["CHANNEL_LAYER_PREFIX"] + "*", count=1000):
        client.delete(key)
