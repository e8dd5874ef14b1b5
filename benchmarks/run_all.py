"""Run every benchmark (`make bench`): each script of this folder that runs on its own.

The messaging ones need PostgreSQL and Redis (variables in benchmarks/harness.py):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 make bench

Each script prints its own figures; this prints them one after the other and
exits non-zero if one failed.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    return sorted(
        path
        for path in HERE.glob("*.py")
        if path.name != "run_all.py" and 'if __name__ == "__main__"' in path.read_text()
    )


def main() -> int:
    failed = []
    for path in scripts():
        print(f"== {path.name}", flush=True)
        done = subprocess.run([sys.executable, str(path)], check=False, cwd=HERE.parent)
        if done.returncode != 0:
            failed.append(path.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
