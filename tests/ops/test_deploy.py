"""The production shape: one nginx configuration for docker-compose.yml and the benchmark.

`docker compose config` checks the compose file where Docker's compose plugin
is installed; elsewhere the file is parsed. `nginx -t` checks the proxy file
(Debian's nginx, installed by `scripts/system-packages bench`) where it is
installed; elsewhere its structure is read.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
NGINX_CONF = ROOT / "deploy" / "nginx" / "nginx.conf"


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _docker_compose() -> bool:
    if not shutil.which("docker"):
        return False
    done = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, check=False
    )
    return done.returncode == 0


def test_compose_file_is_valid():
    if _docker_compose():
        env = {**os.environ, "SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "check"}
        done = subprocess.run(
            ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    compose = _compose()
    assert {"postgres", "redis", "migrate", "web", "worker", "proxy"} <= set(
        compose["services"]
    )
    for name, service in compose["services"].items():
        for dependency in service.get("depends_on", {}):
            assert dependency in compose["services"], (name, dependency)


def test_the_proxy_uses_the_benchmarked_nginx_file_and_every_web_replica():
    compose = _compose()
    proxy = compose["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    targets = {c["source"]: c["target"] for c in proxy["configs"]}
    assert targets["nginx-upstream"] == "/etc/nginx/upstream.conf"
    assert targets["nginx-listen"] == "/etc/nginx/listen.conf"
    upstream = compose["configs"]["nginx-upstream"]["content"]
    # one name that Docker's DNS resolves to every replica, on daphne's port
    assert re.search(r"^server web:8000\b", upstream, re.M)
    web = compose["services"]["web"]
    assert web["deploy"]["replicas"] >= 2
    assert "8000" in web["command"]
    # the benchmark runs the very same file
    scaleout = (ROOT / "benchmarks" / "scaleout.py").read_text()
    assert '"deploy" / "nginx" / "nginx.conf"' in scaleout


def test_nginx_file_balances_http_and_sockets():
    text = NGINX_CONF.read_text()
    code = re.sub(r"#.*", "", text)
    assert code.count("{") == code.count("}")
    upstream = re.search(r"upstream ouvrage_web \{(.*?)\}", code, re.S).group(1)
    assert "least_conn;" in upstream and "include upstream.conf;" in upstream
    assert "proxy_pass http://ouvrage_web;" in code
    assert "proxy_set_header Upgrade $http_upgrade;" in code
    assert "proxy_set_header Connection $connection_upgrade;" in code
    assert "proxy_set_header X-Request-ID $request_id;" in code


@pytest.mark.skipif(not shutil.which("nginx"), reason="Debian's nginx is not installed")
def test_nginx_accepts_the_file_with_two_upstreams(tmp_path):
    (tmp_path / "nginx.conf").symlink_to(NGINX_CONF)
    (tmp_path / "upstream.conf").write_text(
        "server 127.0.0.1:8001;\nserver 127.0.0.1:8002;\n"
    )
    (tmp_path / "listen.conf").write_text("listen 127.0.0.1:18080;\n")
    done = subprocess.run(
        [shutil.which("nginx"), "-t", "-p", f"{tmp_path}/", "-c", "nginx.conf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr
