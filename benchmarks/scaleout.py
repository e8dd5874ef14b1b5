"""Scale-out: Debian's nginx in front of 1, then 2 daphne processes, same PostgreSQL/Redis.

    BENCH_PAGES_DATABASE_URL=postgres://.../ouvrage_bench_100000 \\
    BENCH_DATABASE_URL=postgres://.../ouvrage_bench_messaging \\
        .venv/bin/python benchmarks/scaleout.py [--clients 200] [--duration 10]

HTTP: nginx runs with deploy/nginx/nginx.conf (the file docker-compose.yml
mounts), its upstream listing one daphne process, then two; `wrk` drives the
signed-in needs list of a company member on the pages' data (the largest
size `make bench` seeded) and reports requests per second for each.

Messaging: the project's socket client (benchmarks/load.py) in a closed loop,
first with both members of every conversation on one process, then with each
conversation's members on different processes (the channel layer carries
every message across); the figure is the daphne CPU time per delivered
message, summed over the processes. Sockets go to each process directly: a
proxy cannot be told to put two given members on two given processes.
"""

import argparse
import asyncio
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness
from benchmarks.load import close_all, closed_loop, open_all
from benchmarks.targets import conversation_peers

ROOT = harness.ROOT
CONFIG = ROOT / "deploy" / "nginx" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class Nginx:
    """Debian's nginx with the project's config, in var/bench/nginx/ (its prefix)."""

    def __init__(self, upstreams: list[int]):
        self.prefix = ROOT / "var" / "bench" / "nginx"
        self.port = harness.free_port()
        self.upstreams = upstreams
        self.process = None

    def start(self) -> "Nginx":
        self.prefix.mkdir(parents=True, exist_ok=True)
        link = self.prefix / "nginx.conf"
        link.unlink(missing_ok=True)
        link.symlink_to(CONFIG)  # the same file; its includes resolve here
        (self.prefix / "upstream.conf").write_text(
            "".join(f"server 127.0.0.1:{port};\n" for port in self.upstreams)
        )
        (self.prefix / "listen.conf").write_text(f"listen 127.0.0.1:{self.port};\n")
        command = [NGINX, "-p", f"{self.prefix}/", "-c", "nginx.conf"]
        subprocess.run([*command, "-t", "-q"], check=True)
        self.process = subprocess.Popen([*command, "-g", "daemon off;"])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with harness.socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def wrk(url: str, cookie: str, *, duration: float, connections: int) -> dict:
    options = ["-t2", f"-c{connections}", f"-d{int(duration)}s", "--latency"]
    done = subprocess.run(
        ["wrk", *options, "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", done.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests_per_s": round(rate, 1),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
    }


def signed_in(port: int, path: str, cookie: str) -> None:
    """The page answers 200 to that session through nginx (not a sign-in redirect)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie})
    status = connection.getresponse().status
    connection.close()
    if status != 200:
        raise RuntimeError(f"{path} answered {status} through nginx")


def company_cookie(database_url: str) -> tuple[str, str]:
    """A session of the company member with the most needs, in the pages' database."""
    code = (
        "from benchmarks.pages import Subjects;"
        "from benchmarks.fixtures import _cookie;"
        "print(_cookie(Subjects(size=0).company.user))"
    )
    env = {**harness.environment(database_url), "TASKS_BACKEND": "dummy"}
    done = subprocess.run(
        [harness.PYTHON, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1], "/missions/needs/"


def http_throughput(database_url: str, *, duration: float, connections: int) -> dict:
    cookie, path = company_cookie(database_url)
    result = {"path": path, "connections": connections}
    servers = [harness.Daphne(database_url=database_url) for _ in range(2)]
    try:
        for server in servers:
            server.start()
        for name, count in (("one", 1), ("two", 2)):
            ports = [server.port for server in servers[:count]]
            with Nginx(ports) as proxy:
                url = f"http://127.0.0.1:{proxy.port}{path}"
                signed_in(proxy.port, path, cookie)
                wrk(url, cookie, duration=2, connections=connections)  # warm-up
                result[name] = wrk(
                    url, cookie, duration=duration, connections=connections
                )
            print(f"HTTP {name}: {result[name]}", flush=True)
    finally:
        for server in servers:
            server.stop()
    return result


async def _closed(peers, servers, duration: float) -> dict:
    await open_all(peers)
    try:
        cpu = sum(server.cpu_seconds() for server in servers)
        rate = await closed_loop(peers, duration=duration)
        cpu = sum(server.cpu_seconds() for server in servers) - cpu
    finally:
        await close_all(peers)
    return {
        "msg_per_s": round(rate),
        "cpu_ms_per_msg": round(cpu * 1000 / max(1, rate * (duration + 1)), 3),
    }


def messaging(*, clients: int, duration: float) -> dict:
    harness.setup_django()
    harness.create_database()
    harness.flush_channel_layer()
    result = {"clients": clients}
    servers = [harness.Daphne() for _ in range(2)]
    try:
        for server in servers:
            server.start()
        # unmeasured: both processes open their threads, pools and connections
        asyncio.run(_closed(conversation_peers(servers, clients=clients), servers, 2))
        for name, used in (("one", servers[:1]), ("two", servers)):
            time.sleep(3)  # the previous round's disconnects and backlog drain
            peers = conversation_peers(used, clients=clients)
            result[name] = asyncio.run(_closed(peers, servers, duration))
            print(f"messaging, members on {name}: {result[name]}", flush=True)
    finally:
        for server in servers:
            server.stop()
    return result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("MESSAGING_RATE_LIMIT", "100000/10")
    pages = os.environ.get("BENCH_PAGES_DATABASE_URL")
    if not pages:
        sys.exit("set BENCH_PAGES_DATABASE_URL to a database seeded by seed_scale")
    results = {
        "http": http_throughput(
            pages, duration=args.duration, connections=args.connections
        ),
        "messaging": messaging(clients=args.clients, duration=args.duration),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return results


if __name__ == "__main__":
    main()
