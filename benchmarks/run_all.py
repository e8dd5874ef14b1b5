"""Run every benchmark (`make bench`) and print their figures as JSON.

Needs PostgreSQL and Redis (see benchmarks/harness.py for the variables):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/run_all.py
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["messaging_latency.py", "failover.py"]


def main() -> int:
    results, failed = {}, False
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        command = [sys.executable, str(HERE / name)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            failed = True
            print(done.stderr[-3000:], file=sys.stderr)
            continue
        # each script prints its figures as the last JSON document of its output
        output = done.stdout
        results[name] = json.loads(output[output.rfind("\n{") + 1 :])
        print(json.dumps(results[name], indent=2), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
