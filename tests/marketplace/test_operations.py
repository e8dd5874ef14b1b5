"""seed_demo, the periodic jobs runner, docker-compose.yml."""

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


@pytest.mark.django_db
def test_run_periodic_once_runs_registered_jobs():
    call_command("run_periodic", "--once")


def test_docker_compose_describes_the_production_shape():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "proxy"} <= set(services)
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name
    web, worker = services["web"], services["worker"]
    assert (
        "daphne" in " ".join(web["command"])
        if isinstance(web["command"], list)
        else "daphne" in web["command"]
    )
    assert web.get("image") == worker.get("image")  # one image, scaled
    for service in (web, worker):
        environment = service["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")
        assert environment["DEBUG"] in ("0", 0, "false")
        assert "SECRET_KEY" in environment
    assert worker["environment"]["TASKS_BACKEND"] == "database"
    assert "web" in services["proxy"]["depends_on"]
    assert compose.get("volumes")
