"""Webhook benchmark: signed Stripe events stored and acknowledged per second, on one
daphne process with PostgreSQL, against a bare endpoint in the same process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench_webhook \
        .venv/bin/python benchmarks/webhook.py [--events 3000] [--clients 16]

The database named in DATABASE_URL is dropped and re-created. Processing is
queued (TASKS_BACKEND=database: the django-tasks row is written with the event,
a worker would run it), so what is measured is verify + store + enqueue + 2xx.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import stripe

ROOT = Path(__file__).resolve().parent.parent
SECRET = "whsec_benchmark"
EXPECTED = 500  # events per second, from the billing issue


def _env(database_url: str, tasks_backend: str = "database") -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "benchmark-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STRIPE_WEBHOOK_SECRET": SECRET,
        "TASKS_BACKEND": tasks_backend,
        "DB_POOL_MAX": "40",
        "LOG_LEVEL": "WARNING",
    }


def _recreate_database(database_url: str) -> None:
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    subprocess.run(
        ["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True
    )
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env=_env(database_url),
        check=True,
    )


def _start_daphne(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "benchmarks.webhook_asgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("daphne did not start")


def _payloads(count: int, run: str) -> list[tuple[bytes, str]]:
    bodies = []
    for n in range(count):
        event = {
            "id": f"evt_bench_{run}_{n:07d}",
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "type": "invoice.paid",
            "livemode": False,
            "data": {"object": {"id": f"in_bench_{n}", "object": "invoice"}},
        }
        text = json.dumps(event)
        bodies.append(
            (
                text.encode(),
                stripe.WebhookSignature.generate_signature_header(text, SECRET),
            )
        )
    return bodies


def _fire(
    port: int, path: str, payloads: list, clients: int
) -> tuple[float, list[int], list[float]]:
    """POST every payload with `clients` keep-alive connections; (seconds, statuses, latencies)."""
    statuses: list[int] = []
    latencies: list[float] = []
    lock = threading.Lock()
    chunks = [payloads[i::clients] for i in range(clients)]
    barrier = threading.Barrier(clients + 1)

    def worker(chunk):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local_status, local_latency = [], []
        barrier.wait()
        for body, signature in chunk:
            started = time.perf_counter()
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Stripe-Signature": signature,
                },
            )
            response = connection.getresponse()
            response.read()
            local_latency.append(time.perf_counter() - started)
            local_status.append(response.status)
        connection.close()
        with lock:
            statuses.extend(local_status)
            latencies.extend(local_latency)

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, statuses, latencies


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--tasks-backend",
        default="database",
        choices=["database", "dummy"],
        help="dummy: store the event only, no processing task queued (to isolate costs)",
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database (it is re-created).")
        return 2
    _recreate_database(database_url)
    env = _env(database_url, args.tasks_backend)
    port = 18000 + os.getpid() % 1000
    daphne = _start_daphne(env, port)
    try:
        warm = _payloads(200, "warm")
        _fire(port, "/bench/bare/", warm, args.clients)
        _fire(port, "/billing/stripe/webhook/", warm, args.clients)

        payloads = _payloads(args.events, "run")
        raw_s, raw_status, raw_lat = _fire(port, "/bench/raw/", payloads, args.clients)
        bare_s, bare_status, bare_lat = _fire(
            port, "/bench/bare/", payloads, args.clients
        )
        hook_s, hook_status, hook_lat = _fire(
            port, "/billing/stripe/webhook/", payloads, args.clients
        )
        fast_payloads = _payloads(args.events, "fast")
        fast_s, fast_status, fast_lat = _fire(
            port, "/bench/asgi-webhook/", fast_payloads, args.clients
        )
        replay_s, replay_status, _ = _fire(
            port, "/billing/stripe/webhook/", payloads[: args.events // 3], args.clients
        )
    finally:
        daphne.terminate()
        daphne.wait(timeout=10)

    stored = subprocess.run(
        [
            "psql",
            database_url,
            "-tAc",
            "SELECT count(*) FROM billing_stripeevent WHERE stripe_id LIKE 'evt_bench_run_%'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    queued = (
        subprocess.run(
            [
                "psql",
                database_url,
                "-tAc",
                "SELECT count(*) FROM django_tasks_database_dbtaskresult",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or "?"
    )

    def line(name, seconds, statuses, latencies):
        ok = sum(1 for s in statuses if 200 <= s < 300)
        print(
            f"{name:<28} {len(statuses) / seconds:8.0f} req/s   ok {ok}/{len(statuses)}   "
            f"p50 {_percentile(latencies, 0.5) * 1000:6.1f} ms   "
            f"p99 {_percentile(latencies, 0.99) * 1000:6.1f} ms"
        )

    print(
        f"one daphne process, PostgreSQL, {args.clients} keep-alive clients, "
        f"{args.events} events, {os.cpu_count()} CPUs shared with the load generator"
    )
    line("raw ASGI (daphne alone)", raw_s, raw_status, raw_lat)
    line("bare Django view (baseline)", bare_s, bare_status, bare_lat)
    line("webhook: verify+store+ack", hook_s, hook_status, hook_lat)
    line("webhook, bare ASGI app", fast_s, fast_status, fast_lat)
    print(
        f"{'webhook: replays (dupes)':<28} {len(replay_status) / replay_s:8.0f} req/s   "
        f"ok {sum(1 for s in replay_status if s == 200)}/{len(replay_status)}"
    )
    print(
        f"events stored once: {stored}/{args.events}; processing tasks queued: {queued}"
    )
    rate = len(hook_status) / hook_s
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "raw_asgi_per_s": round(len(raw_status) / raw_s),
                    "bare_view_per_s": round(len(bare_status) / bare_s),
                    "webhook_per_s": round(rate),
                    "webhook_ok": sum(1 for s in hook_status if 200 <= s < 300),
                    "webhook_p50_ms": round(_percentile(hook_lat, 0.5) * 1000, 1),
                    "events": args.events,
                    "stored_once": int(stored),
                }
            )
            + "\n"
        )
    print(
        f"target {EXPECTED}/s: {'met' if rate >= EXPECTED else 'NOT met'} "
        f"({rate / (len(bare_status) / bare_s):.0%} of the bare endpoint)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
