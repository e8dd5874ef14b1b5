"""The load client: real WebSockets (the `websockets` library), one asyncio loop.

A `Peer` is one socket of one participant. It speaks the conversation protocol
(send / ack / message / sync) and, against the echo ceiling, the same frames
come back unchanged. Every peer sends an Origin header: the product refuses
sockets without one.
"""

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


@dataclass
class Peer:
    """One participant's socket and what it has seen."""

    index: int
    room: str
    url: str
    origin: str
    cookie: str = ""
    ws: object = None
    received: dict[str, str] = field(default_factory=dict)  # client_id -> message id
    acks: dict[str, set] = field(default_factory=dict)  # client_id -> ids acked for it
    seq_ids: dict[int, str] = field(default_factory=dict)  # seq -> message id
    base_seq: int = 0
    base_id: str | None = None
    reader: asyncio.Task | None = None
    on_message: object = None  # callable(peer, frame), once per new message
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    synced: asyncio.Event = field(default_factory=asyncio.Event)
    frames: int = 0
    redundant: int = 0  # frames for a message this peer already had (dropped by id)
    conflicting: int = 0  # one client_id seen under two message ids: a duplicate

    def start_at(self, seq: int, message_id: str | None) -> None:
        self.base_seq, self.base_id = seq, message_id

    def contiguous(self) -> tuple[int, str | None]:
        """The last message number (and id) this peer has without a gap before it."""
        seq, message_id = self.base_seq, self.base_id
        while seq + 1 in self.seq_ids:
            seq += 1
            message_id = self.seq_ids[seq]
        return seq, message_id

    async def open(self, url: str | None = None, origin: str | None = None) -> None:
        if url:
            self.url, self.origin = url, origin or self.origin
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await connect(
            self.url,
            origin=self.origin,
            additional_headers=headers,
            compression=None,
            ping_interval=None,
            open_timeout=20,
            max_queue=None,
        )
        self.closed = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.frames += 1
                frame = json.loads(raw)
                kind = frame.get("type")
                if kind in ("message", "send"):  # "send": echoed back unchanged
                    self._seen(frame)
                elif kind == "ack":
                    self.acks.setdefault(frame["client_id"], set()).add(frame["id"])
                    self.seq_ids[frame["seq"]] = frame["id"]  # one's own message
                elif kind == "synced":
                    self.synced.set()
        except ConnectionClosed:
            pass
        finally:
            self.closed.set()

    def _seen(self, frame: dict) -> None:
        client_id = frame.get("client_id")
        if frame.get("edited") or not client_id:
            return
        if "seq" in frame:
            self.seq_ids[frame["seq"]] = frame["id"]
        known = self.received.get(client_id)
        if known is not None:
            self.redundant += 1
            if "id" in frame and known != frame["id"]:
                self.conflicting += 1
            return
        self.received[client_id] = frame.get("id", client_id)
        if self.on_message:
            self.on_message(self, frame)

    async def send(self, client_id: str, body: str) -> None:
        frame = {"type": "send", "client_id": client_id, "body": body}
        await self.ws.send(json.dumps(frame))

    async def sync(self) -> None:
        """Ask for every message after the last one held without a gap."""
        self.synced.clear()
        await self.ws.send(json.dumps({"type": "sync", "after": self.contiguous()[1]}))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


def new_client_id() -> str:
    return str(uuid.uuid4())


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def open_all(peers: list[Peer], concurrency: int = 50) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def one(peer):
        async with gate:
            await peer.open()

    await asyncio.gather(*(one(peer) for peer in peers))


async def close_all(peers: list[Peer]) -> None:
    await asyncio.gather(*(peer.close() for peer in peers), return_exceptions=True)


async def open_loop(
    peers: list[Peer], *, rate: float, duration: float, warmup: float = 1.0
):
    """Send `rate` messages per second in total, on a schedule, round robin.

    Returns the delivery latencies in milliseconds (send → every other
    participant of the room has it) of messages scheduled after the warm-up,
    and how many of them were never delivered.
    """
    rooms: dict[str, list[Peer]] = {}
    for peer in peers:
        rooms.setdefault(peer.room, []).append(peer)
    scheduled: dict[str, float] = {}
    waiting: dict[str, int] = {}
    latencies: list[float] = []
    measured: set[str] = set()
    sender_of: dict[str, int] = {}

    def delivered(peer: Peer, frame: dict) -> None:
        client_id = frame["client_id"]
        if client_id not in waiting or peer.index == sender_of.get(client_id):
            return
        waiting[client_id] -= 1
        if waiting[client_id] == 0 and client_id in measured:
            latencies.append((time.perf_counter() - scheduled[client_id]) * 1000)

    for peer in peers:
        peer.on_message = delivered
    total = int(rate * (duration + warmup))
    start = time.perf_counter() + 0.2
    for number in range(total):
        due = start + number / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        peer = peers[number % len(peers)]
        client_id = new_client_id()
        scheduled[client_id] = due  # latency counts from the schedule (no omission)
        waiting[client_id] = len(rooms[peer.room]) - 1
        sender_of[client_id] = peer.index
        if number >= rate * warmup:
            measured.add(client_id)
        await peer.send(client_id, "x" * 40)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and any(waiting[c] > 0 for c in measured):
        await asyncio.sleep(0.05)
    lost = sum(1 for c in measured if waiting[c] > 0)
    return latencies, lost, len(measured)


async def closed_loop(peers: list[Peer], *, duration: float, warmup: float = 1.0):
    """Each peer sends its next message as soon as the previous one was delivered.

    Returns messages delivered per second (to every other participant) over the
    measured window.
    """
    rooms: dict[str, list[Peer]] = {}
    for peer in peers:
        rooms.setdefault(peer.room, []).append(peer)
    waiting: dict[str, list] = {}  # client_id -> [remaining, future]
    sender_of: dict[str, int] = {}

    def delivered(peer: Peer, frame: dict) -> None:
        entry = waiting.get(frame["client_id"])
        if entry is None or sender_of.get(frame["client_id"]) == peer.index:
            return
        entry[0] -= 1
        if entry[0] == 0 and not entry[1].done():
            entry[1].set_result(time.perf_counter())

    for peer in peers:
        peer.on_message = delivered
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    measure_from, stop_at = start + warmup, start + warmup + duration
    counted = 0

    async def run(peer: Peer):
        nonlocal counted
        while time.perf_counter() < stop_at:
            client_id = new_client_id()
            future = loop.create_future()
            waiting[client_id] = [len(rooms[peer.room]) - 1, future]
            sender_of[client_id] = peer.index
            await peer.send(client_id, "x" * 40)
            try:
                done_at = await asyncio.wait_for(future, 10)
            except TimeoutError:
                continue
            if measure_from <= done_at <= stop_at:
                counted += 1

    await asyncio.gather(*(run(peer) for peer in peers))
    return counted / duration
