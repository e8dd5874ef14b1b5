"""Latency at a steady load and throughput at saturation, beside the echo ceiling.

One daphne process, Redis channel layer, PostgreSQL; 200 clients in 100
conversations of two. For the bare echo consumer and then for the conversation
consumer, in the same run:

  closed loop: every client sends its next message once the previous one was
             delivered; messages delivered per second, and the daphne
             process's CPU time per delivered message;
  open loop: half the echo's saturation rate (measured just before), on a
             schedule; delivery latency (send → the other participant has it)
             p50 / p99.

    .venv/bin/python benchmarks/messaging_latency.py [--clients 200] [--rate 0]
"""

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness
from benchmarks.load import close_all, closed_loop, open_all, open_loop, percentile
from benchmarks.targets import conversation_peers, echo_peers

SETTLE = 3.0  # seconds between phases


async def saturation(peers, server, *, duration: float) -> dict:
    """Closed loop: messages delivered per second, and the server CPU each cost."""
    await open_all(peers)
    try:
        cpu = server.cpu_seconds()
        throughput = await closed_loop(peers, duration=duration)
        cpu = server.cpu_seconds() - cpu
    finally:
        await close_all(peers)
    return {
        "saturation_msg_per_s": round(throughput),
        # load-independent: what one delivered message costs the daphne process
        # (the warm-up second is included in the CPU and in the count alike)
        "server_cpu_ms_per_msg": round(
            cpu * 1000 / max(1, throughput * (duration + 1)), 3
        ),
    }


async def latency(peers, *, rate: float, duration: float) -> dict:
    """Open loop at `rate` messages/s: delivery latency from each scheduled time."""
    await open_all(peers)
    try:
        latencies, lost, sent = await open_loop(peers, rate=rate, duration=duration)
    finally:
        await close_all(peers)
    return {
        "rate_msg_per_s": round(rate),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "undelivered": lost,
        "measured": sent,
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument(
        "--rate", type=float, default=0, help="open-loop rate; 0: half echo saturation"
    )
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    # the per-user flood limit stays on, but high enough for the closed loop
    os.environ.setdefault("MESSAGING_RATE_LIMIT", "100000/10")
    harness.setup_django()
    harness.create_database()
    harness.flush_channel_layer()
    results = {"echo": {}, "conversations": {}}
    with harness.Daphne() as server:
        echo = echo_peers(server, clients=args.clients)
        real = conversation_peers([server], clients=args.clients)
        # a short unmeasured round first: the process's threads, database pool
        # and Redis connections are opened before anything is measured
        asyncio.run(saturation(real, server, duration=2))
        time.sleep(SETTLE)
        results["echo"] |= asyncio.run(saturation(echo, server, duration=args.duration))
        time.sleep(SETTLE)  # the sockets' disconnects and the backlog drain
        results["conversations"] |= asyncio.run(
            saturation(real, server, duration=args.duration)
        )
        rate = args.rate or results["echo"]["saturation_msg_per_s"] / 2
        for name, peers in (("echo", echo), ("conversations", real)):
            time.sleep(SETTLE)
            results[name] |= asyncio.run(
                latency(peers, rate=rate, duration=args.duration)
            )
    results["machine"] = {"cpus": os.cpu_count(), "load_average": os.getloadavg()}
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return results


if __name__ == "__main__":
    main()
