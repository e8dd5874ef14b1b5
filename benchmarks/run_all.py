"""`make bench`: every benchmark in one run, one table of ratios to same-run baselines.

    make bench                                 # sizes 1,000 and 100,000 (the full run)
    BENCH_SIZES=300,1000 make bench            # small, while developing
    BENCH_ONLY=pages,webhook make bench        # some parts only

What it does, on the machine's PostgreSQL and Redis:

1. for each size N of BENCH_SIZES, a database `<prefix>_<N>` seeded once by
   `seed_scale` (N needs, N/5 experts), reused by later runs;
2. `pages.py` at each size: every page and operation, its query count, its
   time split into SQL / view code / template, its own SQL replayed bare, and
   a bare Django view;
3. `webhook.py`: webhook acknowledgements against a bare view, same daphne;
4. `messaging_latency.py`: conversations against the bare echo consumer;
5. `scaleout.py`: nginx in front of 1 then 2 daphne processes;
6. `transparency_close.py` at each size of BENCH_TRANSPARENCY_SIZES (ledger
   entries in the month closed): the month's close beside a bare GROUP BY, and
   the dashboard, figures.json and the data package (sealed months from their
   snapshots, the open month rolled up live) beside their own SQL replayed bare;

then writes benchmarks/results.json and benchmarks/results.md (the table
docs/benchmarks.md links to). Exit status 1 if a part failed to run; a
target that does not hold is reported in the table, not as a failure.

Environment: BENCH_DATABASE_URL (server and prefix of the databases,
default postgres://postgres@127.0.0.1:5432/ouvrage_bench), REDIS_URL,
CHANNEL_LAYER_PREFIX, BENCH_SIZES, BENCH_RUNS (repetitions per page, 15),
BENCH_CLIENTS (WebSocket clients, 200), BENCH_DURATION (seconds per load
phase, 10), BENCH_TRANSPARENCY_SIZES (100000,1000000), BENCH_ONLY.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable
OUT = ROOT / "var" / "bench"
BASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ouvrage_bench"
)
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
ONLY = {p for p in os.environ.get("BENCH_ONLY", "").split(",") if p}
CLIENTS = os.environ.get("BENCH_CLIENTS", "200")
DURATION = os.environ.get("BENCH_DURATION", "10")
TRANSPARENCY_SIZES = [
    int(n)
    for n in os.environ.get("BENCH_TRANSPARENCY_SIZES", "100000,1000000").split(",")
]


def database(suffix: str) -> str:
    return f"{BASE}_{suffix}"


def env(**extra) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "TASKS_BACKEND": "dummy",
        "SECRET_KEY": os.environ.get(
            "SECRET_KEY", "benchmark-secret-key-not-for-production-0123456789"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CHANNEL_LAYER_PREFIX": os.environ.get("CHANNEL_LAYER_PREFIX", "msg_bench"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def run(args: list[str], **extra) -> bool:
    print("$", " ".join(args), flush=True)
    return subprocess.run(args, cwd=ROOT, env=env(**extra), check=False).returncode == 0


def query(url: str, sql: str, params=()) -> bool:
    """Whether `sql` returns a row (autocommit, so CREATE DATABASE works too)."""
    # only the runner needs psycopg directly, not the page processes
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql, params or None)
        return cursor.description is not None and cursor.fetchone() is not None


def seeded(size: int) -> bool:
    """The database of this size, created, migrated and seeded once."""
    url = database(size)
    admin = url.rsplit("/", 1)[0] + "/postgres"
    name = url.rsplit("/", 1)[1]
    if not query(admin, "SELECT 1 FROM pg_database WHERE datname = %s", [name]):
        query(admin, f'CREATE DATABASE "{name}"')
    django = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    if not run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], **django):
        return False
    marker = (
        "SELECT 1 FROM marketplace_user WHERE email LIKE '%@scale.ouvrage.test' LIMIT 1"
    )
    if query(url, marker):
        print(f"== size {size}: scale data already there ({name})", flush=True)
        return True
    started = time.perf_counter()
    seed = [PYTHON, "manage.py", "seed_scale", f"--needs={size}"]
    seed += [
        f"--experts={max(50, size // 5)}",
        f"--organizations={max(10, size // 200)}",
    ]
    ok = run(seed, **django)
    print(
        f"== size {size}: seeded in {time.perf_counter() - started:.0f} s", flush=True
    )
    return ok


def part(name: str) -> bool:
    return not ONLY or name in ONLY


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    results: dict = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "sizes": SIZES,
        "pages": [],
    }
    if part("pages"):
        for size in SIZES:
            out = OUT / f"pages-{size}.json"
            ok = seeded(size) and run(
                [PYTHON, "benchmarks/pages.py", f"--size={size}", f"--out={out}"],
                DATABASE_URL=database(size),
            )
            if ok:
                results["pages"].append(json.loads(out.read_text()))
            else:
                failed.append(f"pages at {size}")
    parts = {
        "webhook": [
            "benchmarks/webhook.py",
            "--clients=8",
            f"--json={OUT / 'webhook.json'}",
        ],
        "messaging": [
            "benchmarks/messaging_latency.py",
            f"--clients={CLIENTS}",
            f"--duration={DURATION}",
            f"--json={OUT / 'messaging.json'}",
        ],
        "scaleout": [
            "benchmarks/scaleout.py",
            f"--clients={CLIENTS}",
            f"--duration={DURATION}",
            f"--json={OUT / 'scaleout.json'}",
        ],
    }
    for name, args in parts.items():
        if not part(name):
            continue
        out = OUT / f"{name}.json"
        out.unlink(missing_ok=True)
        ok = run(
            [PYTHON, *args],
            DATABASE_URL=database(name),
            # the scale-out reuses the messaging benchmark's conversations
            BENCH_DATABASE_URL=database("messaging" if name == "scaleout" else name),
            BENCH_PAGES_DATABASE_URL=database(max(SIZES)),
        )
        if ok and out.exists():
            results[name] = json.loads(out.read_text())
        else:
            failed.append(name)
    if part("transparency"):
        results["transparency"] = []
        for size in TRANSPARENCY_SIZES:
            out = OUT / f"transparency-{size}.json"
            out.unlink(missing_ok=True)
            ok = run(
                [
                    PYTHON,
                    "benchmarks/transparency_close.py",
                    f"--entries={size}",
                    f"--renders={max(3, int(os.environ.get('BENCH_RUNS', 15)) // 3)}",
                    f"--json={out}",
                ],
                DATABASE_URL=database("transparency"),
                # the report pages' URLs need the project's URLconf (not the
                # benchmarks'), and production mode needs collectstatic
                DEBUG="1",
            )
            if ok and out.exists():
                results["transparency"].append(json.loads(out.read_text()))
            else:
                failed.append(f"transparency at {size}")
    previous = HERE / "results.json"
    if ONLY and previous.exists():  # a partial run keeps the other parts' figures
        kept = json.loads(previous.read_text())
        results = {**kept, **{k: v for k, v in results.items() if v or k != "pages"}}
        results["started_at"] = kept["started_at"]  # the table spans both runs
    results["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["load_average"] = os.getloadavg()
    results["rows"] = report.rows(results)
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (HERE / "results.md").write_text(report.markdown(results))
    print((HERE / "results.md").read_text())
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
