"""Where a conversation message's CPU goes in daphne: py-spy on a closed loop.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench_messaging \\
        .venv/bin/python benchmarks/profile_messaging.py [--kind conversations|echo]

Starts one daphne process (as messaging_latency.py does), samples it with
py-spy (in the dev requirements) while 200 sockets run a closed loop, and prints
the functions that hold the most samples, by own time and with their callees,
plus the CPU time per delivered message. `--svg` also writes a flame graph.
"""

import argparse
import asyncio
import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness
from benchmarks.load import close_all, closed_loop, open_all
from benchmarks.targets import conversation_peers, echo_peers


def top(collapsed: Path, n: int) -> str:
    """The heaviest frames of py-spy's collapsed stacks: own and inclusive samples."""
    own, inclusive, total = collections.Counter(), collections.Counter(), 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        count = int(count)
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
    lines = [f"{total} samples"]
    for title, counter in (("own", own), ("inclusive", inclusive)):
        lines.append(f"-- {title}")
        for frame, count in counter.most_common(n):
            lines.append(f"{100 * count / total:5.1f} %  {frame}")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kind", choices=["conversations", "echo"], default="conversations"
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--svg", type=Path)
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(harness.PYTHON).parent / "py-spy")
    os.environ.setdefault("MESSAGING_RATE_LIMIT", "100000/10")
    harness.setup_django()
    harness.create_database()
    harness.flush_channel_layer()
    out = harness.ROOT / "var" / "bench" / f"profile-{args.kind}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    with harness.Daphne() as server:
        make = conversation_peers if args.kind == "conversations" else echo_peers
        peers = (
            make([server], clients=args.clients)
            if make is conversation_peers
            else make(server, clients=args.clients)
        )

        async def loop(duration):
            await open_all(peers)
            try:
                cpu = server.cpu_seconds()
                rate = await closed_loop(peers, duration=duration)
                return rate, server.cpu_seconds() - cpu
            finally:
                await close_all(peers)

        asyncio.run(loop(2))  # warm-up: threads, pools, connections
        time.sleep(2)
        record = subprocess.Popen(
            [spy, "record", "--pid", str(server.process.pid), "--format", "raw",
             "--rate", "200", "--duration", str(int(args.duration)), "--output", str(out),
             "--nonblocking", "--gil"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        rate, cpu = asyncio.run(loop(args.duration))
        record.wait()
        if args.svg:
            subprocess.run(
                [spy, "record", "--pid", str(server.process.pid), "--duration", "5",
                 "--output", str(args.svg), "--nonblocking", "--gil"],
                check=False,
            )  # fmt: skip
    print(
        f"{args.kind}: {rate:.0f} msg/s, {cpu * 1000 / (rate * (args.duration + 1)):.3f} ms CPU per message"
    )
    print(top(out, args.top))


if __name__ == "__main__":
    main()
