"""Latency at a steady load and throughput at saturation, beside the echo ceiling.

One daphne process, Redis channel layer, PostgreSQL; 200 clients in 100
conversations of two. For the bare echo consumer and then for the conversation
consumer, in the same run:

  open loop: 200 messages per second in total, on a schedule; delivery latency
             (send → the other participant has it) p50 / p99;
  closed loop: every client sends its next message once the previous one was
             delivered; messages delivered per second.

    .venv/bin/python benchmarks/messaging_latency.py [--clients 200] [--rate 200]
"""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness
from benchmarks.load import close_all, closed_loop, open_all, open_loop, percentile
from benchmarks.targets import conversation_peers, echo_peers


async def measure(peers, server, *, rate: float, duration: float) -> dict:
    await open_all(peers)
    try:
        latencies, lost, sent = await open_loop(peers, rate=rate, duration=duration)
        cpu = server.cpu_seconds()
        throughput = await closed_loop(peers, duration=duration, warmup=0)
        cpu = server.cpu_seconds() - cpu
    finally:
        await close_all(peers)
    return {
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "undelivered": lost,
        "measured": sent,
        "saturation_msg_per_s": round(throughput),
        # load-independent: what one delivered message costs the daphne process
        "server_cpu_ms_per_msg": round(cpu * 1000 / max(1, throughput * duration), 2),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--echo-only", action="store_true")
    args = parser.parse_args(argv)

    # the per-user flood limit stays on, but high enough for the closed loop
    os.environ.setdefault("MESSAGING_RATE_LIMIT", "100000/10")
    harness.setup_django()
    harness.create_database()
    harness.flush_channel_layer()
    results = {}
    with harness.Daphne() as server:
        results["echo"] = asyncio.run(
            measure(
                echo_peers(server, clients=args.clients),
                server,
                rate=args.rate,
                duration=args.duration,
            )
        )
        if not args.echo_only:
            peers = conversation_peers([server], clients=args.clients)
            results["conversations"] = asyncio.run(
                measure(peers, server, rate=args.rate, duration=args.duration)
            )
    if "conversations" in results:
        echo, real = results["echo"], results["conversations"]
        results["goals"] = {
            "p99_under_100ms": real["p99_ms"] < 100,
            "saturation_at_least_half_of_echo": real["saturation_msg_per_s"]
            >= echo["saturation_msg_per_s"] / 2,
        }
    results["machine"] = {"cpus": os.cpu_count(), "load_average": os.getloadavg()}
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
