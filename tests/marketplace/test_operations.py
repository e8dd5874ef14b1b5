"""seed_demo, the periodic jobs runner, docker-compose.yml."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from billing.selectors import membership_is_active
from marketplace.demo import DEMO_PASSWORD, email_for
from marketplace.models import Member, Organization, User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_seed_demo_loads_once_into_an_empty_database(capsys):
    call_command("seed_demo")
    assert Organization.objects.count() >= 3
    assert Member.objects.filter(community="expert").count() >= 6
    claire = User.objects.get(email=email_for("claire"))
    assert claire.check_password(DEMO_PASSWORD)
    assert membership_is_active(claire.member)
    assert not membership_is_active(Member.objects.get(user__email=email_for("ines")))
    count = Member.objects.count()
    call_command("seed_demo")
    assert Member.objects.count() == count
    assert "already holds members" in capsys.readouterr().out


# every periodic job, by function name (modules may move, the jobs stay)
PERIODIC_JOBS = {
    "billing_plans_follow_rules",
    "billing_renewal_reminders",
    "billing_stripe_events_retry",
    "close_due_votes",
    "enact_due_rules",
    "remind_voters",
    "messages_send_digests",
    "missions_timers",
    "spaces_send_digests",
    "moderators_confirm_close",
    "transparency_close_previous_month",
}


@pytest.mark.django_db
def test_run_periodic_once_runs_registered_jobs(capsys):
    call_command("run_periodic", "--once")
    ran = dict(
        line.split(": ", 1) for line in capsys.readouterr().out.splitlines() if line
    )
    assert {name.rsplit(".", 1)[-1] for name in ran} == PERIODIC_JOBS
    failed = [name for name, result in ran.items() if result == "error"]
    assert not failed, failed


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def waits_for(services: dict, name: str) -> dict[str, str]:
    """Every service `name` waits for, directly or through another, and the condition."""
    found: dict[str, str] = {}
    pending = [name]
    while pending:
        depends_on = services[pending.pop()].get("depends_on", {})
        if isinstance(depends_on, list):
            depends_on = {dep: {"condition": "service_started"} for dep in depends_on}
        for dep, spec in depends_on.items():
            if dep not in found:
                found[dep] = spec["condition"]
                pending.append(dep)
    return found


def test_docker_compose_describes_the_production_shape():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "proxy"}
    assert re.fullmatch(r"postgres:(1[5-9]|[2-9]\d)", services["postgres"]["image"])
    assert services["redis"]["image"] == "redis:7"
    assert "build" in services["migrate"]  # the migrate job builds the app image
    image = services["migrate"]["image"]
    assert services["web"]["image"] == services["worker"]["image"] == image
    assert services["migrate"]["command"] == [
        "python",
        "manage.py",
        "migrate",
        "--noinput",
    ]
    assert services["worker"]["command"] == ["python", "manage.py", "worker"]


def test_web_is_daphne_on_config_asgi_with_two_replicas_or_more():
    web = compose()["services"]["web"]
    command = web["command"]
    assert command[0] == "daphne" and command[-1] == "config.asgi:application"
    assert command[command.index("-b") + 1] == "0.0.0.0"  # noqa: S104 (inside its container)
    assert command[command.index("-p") + 1] == "8000"
    assert "--proxy-headers" in command  # client addresses come from the proxy
    assert web["deploy"]["replicas"] >= 2
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_web_and_worker_start_on_healthy_stores_after_migrations():
    services = compose()["services"]
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert waits_for(services, "migrate") == {"postgres": "service_healthy"}
    for name in ("web", "worker"):
        assert waits_for(services, name) == {
            "migrate": "service_completed_successfully",
            "postgres": "service_healthy",  # through the migrate job
            "redis": "service_healthy",
        }, name


def test_only_the_proxy_is_reachable_and_it_sends_to_web():
    spec = compose()
    services = spec["services"]
    exposed = {name for name, service in services.items() if service.get("ports")}
    assert exposed == {"proxy"}
    assert set(services["proxy"]["ports"]) == {"80:80", "443:443"}
    # nginx starts once a web replica answers its health check
    assert waits_for(services, "proxy")["web"] == "service_healthy"
    targets = {c["source"]: c["target"] for c in services["proxy"]["configs"]}
    upstream = spec["configs"]["nginx-upstream"]["content"]
    assert targets["nginx-upstream"] == "/etc/nginx/upstream.conf"
    # a failing replica is taken out of the rotation (nginx's passive checks)
    assert "server web:8000 max_fails=3 fail_timeout=10s;" in upstream
    listen = spec["configs"]["nginx-listen"]["content"]
    assert "listen 443 ssl;" in listen and "ssl_certificate " in listen
    # the proxy's configuration is tests/ops/test_deploy.py's subject


def test_app_services_read_their_settings_from_the_environment():
    services = compose()["services"]
    for name in ("migrate", "web", "worker"):
        environment = services[name]["environment"]
        assert environment["DEBUG"] == "0", name
        assert re.fullmatch(
            r"postgres://ouvrage:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432/ouvrage",
            environment["DATABASE_URL"],
        ), name
        assert environment["REDIS_URL"] == "redis://redis:6379/0", name
        assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]*\}", environment["SECRET_KEY"])
        assert environment["TASKS_BACKEND"] == "database", name
    postgres = services["postgres"]["environment"]
    assert re.fullmatch(
        r"\$\{POSTGRES_PASSWORD:\?[^}]*\}", postgres["POSTGRES_PASSWORD"]
    )


SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY$")
# a value taken from the environment: required (:?) or empty by default (:-)
FROM_ENVIRONMENT = re.compile(r"\$\{[A-Z_]+(:\?[^}]*|:-)?\}")


def test_no_secret_is_written_in_the_file():
    text = (ROOT / "docker-compose.yml").read_text()
    for name, service in compose()["services"].items():
        for key, value in service.get("environment", {}).items():
            if SECRET_NAME.search(key):
                assert FROM_ENVIRONMENT.fullmatch(str(value)), (name, key, value)
    assert not re.search(r"\b(sk|rk|pk)_(live|test)_|whsec_", text)
    # the image build runs collectstatic with a throwaway key, never used to serve
    assert re.findall(r"SECRET_KEY=(\S+)", text) == ["build"]
