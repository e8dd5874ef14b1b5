"""Two daphne processes, one stopped mid-run: nothing acknowledged is lost or doubled.

200 clients in 100 conversations of two, the two members of each conversation
on different processes (both share PostgreSQL and the Redis channel layer).
Messages are sent on a schedule; halfway through, process A is killed. Its
clients reconnect to B, send `sync` (everything after the last message they
hold without a gap) and send again, with the same client_id, whatever was not
acknowledged. At the end every client syncs once more; then, for each
acknowledged message, every other participant must hold it exactly once.

    .venv/bin/python benchmarks/failover.py [--rate 100] [--duration 10] [--signal KILL]
"""

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness
from benchmarks.load import Peer, close_all, new_client_id, open_all
from benchmarks.targets import conversation_peers

RETRY_AFTER = 2.0


async def run(peers: list[Peer], a, b, *, rate: float, duration: float, sig) -> dict:
    await open_all(peers)
    on_a = [peer for peer in peers if peer.url.startswith(a.ws_url(""))]
    pending: dict[
        str, tuple[Peer, str, float]
    ] = {}  # client_id -> (peer, body, last try)
    sent_by: dict[str, Peer] = {}
    reconnects = 0

    async def reconnect(peer: Peer):
        nonlocal reconnects
        await peer.closed.wait()
        room_path = peer.url.split(str(a.port), 1)[1]
        for attempt in range(50):
            try:
                await peer.open(b.ws_url(room_path), b.origin)
                break
            except Exception:
                await asyncio.sleep(0.1 * (attempt + 1))
        reconnects += 1
        await peer.sync()
        for client_id, (owner, body, _) in list(pending.items()):
            if owner is peer:
                await _try(owner, client_id, body)

    async def _try(peer: Peer, client_id: str, body: str):
        pending[client_id] = (peer, body, time.monotonic())
        # a dead socket raises: `reconnect` sends it again
        with contextlib.suppress(Exception):
            await peer.send(client_id, body)

    watchers = [asyncio.create_task(reconnect(peer)) for peer in on_a]
    total = int(rate * duration)
    start = time.monotonic()
    killed_at = None
    for number in range(total):
        due = start + number / rate
        await asyncio.sleep(max(0, due - time.monotonic()))
        if killed_at is None and time.monotonic() - start >= duration / 2:
            a.stop(sig)
            killed_at = time.monotonic() - start
        peer = peers[number % len(peers)]
        client_id = new_client_id()
        sent_by[client_id] = peer
        await _try(peer, client_id, f"message {number}")
        _forget_acked(pending)
        await _retry_stale(pending, _try)
    # drain: every message sent gets its ack (retried as needed)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _forget_acked(pending)
        if not pending:
            break
        await _retry_stale(pending, _try)
        await asyncio.sleep(0.2)
    await asyncio.gather(*watchers, return_exceptions=True)
    # catch up: a process killed between commit and broadcast leaves a gap
    await asyncio.gather(*(peer.sync() for peer in peers))
    await asyncio.wait_for(asyncio.gather(*(peer.synced.wait() for peer in peers)), 60)
    result = _count(peers, sent_by)
    result.update(
        sent=total,
        unacknowledged=len(pending),
        killed_at_s=round(killed_at or 0, 2),
        reconnected=reconnects,
        clients_on_killed_process=len(on_a),
    )
    await close_all(peers)
    return result


def _forget_acked(pending):
    for client_id in [c for c, (peer, _, _) in pending.items() if c in peer.acks]:
        del pending[client_id]


async def _retry_stale(pending, attempt):
    now = time.monotonic()
    for client_id, (peer, body, last) in list(pending.items()):
        if now - last > RETRY_AFTER and not peer.closed.is_set():
            await attempt(peer, client_id, body)


def _count(peers: list[Peer], sent_by: dict[str, Peer]) -> dict:
    rooms: dict[str, list[Peer]] = {}
    for peer in peers:
        rooms.setdefault(peer.room, []).append(peer)
    acknowledged = lost = duplicated = 0
    for client_id, sender in sent_by.items():
        ids = sender.acks.get(client_id)
        if not ids:
            continue
        acknowledged += 1
        if len(ids) > 1:
            duplicated += 1  # stored twice: two different ids for one client_id
        for other in rooms[sender.room]:
            if other is not sender and client_id not in other.received:
                lost += 1
    return {
        "acknowledged": acknowledged,
        "lost": lost,
        "duplicated": duplicated + sum(peer.conflicting for peer in peers),
        "redundant_frames_dropped_by_id": sum(peer.redundant for peer in peers),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--signal", default="KILL", choices=["KILL", "TERM"])
    args = parser.parse_args(argv)
    import os

    os.environ.setdefault("MESSAGING_RATE_LIMIT", "100000/10")
    harness.setup_django()
    harness.create_database()
    harness.flush_channel_layer()
    a, b = harness.Daphne(), harness.Daphne()
    with a, b:
        peers = conversation_peers([a, b], clients=args.clients)
        result = asyncio.run(
            run(
                peers,
                a,
                b,
                rate=args.rate,
                duration=args.duration,
                sig=getattr(signal, "SIG" + args.signal),
            )
        )
    result["ok"] = result["lost"] == 0 and result["duplicated"] == 0
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
