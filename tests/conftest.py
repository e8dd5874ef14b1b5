"""Fixtures shared by the whole suite.

The suite runs against whatever DATABASE_URL and REDIS_URL say: SQLite and the
in-memory channel layer by default, PostgreSQL and Redis in CI's second run.
"""

import os

import pytest
from django.conf import settings
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import PASSWORD, CompanyMemberFactory, ExpertFactory, paid

# Property tests check behaviour, not speed (benchmarks/ measures speed): no
# per-example deadline, and no "too slow" health check, so that CI's two suites
# running side by side on two cores cannot fail a property for being slow.
hypothesis_settings.register_profile(
    "ouvrage", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("ouvrage")


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# Race tests need real concurrent transactions: they run on PostgreSQL only and
# say so when skipped on SQLite.
postgres_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs PostgreSQL: SQLite serialises writers, so there is no race to test",
)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate limits live in the cache: start each test with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _async_connections_closed():
    """A socket test's event loop ends with it: close its async connections.

    (core.db_async keeps a few per loop; daphne's loop lives as long as the
    process, a test's does not, and an open connection would keep the test
    database from being dropped.)
    """
    from core import db_async

    yield
    db_async.close_stale()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def expert(db):
    return paid(ExpertFactory())


@pytest.fixture
def company_member(db):
    return paid(CompanyMemberFactory())


@pytest.fixture
def expert_client(client, expert):
    client.force_login(expert.user)
    return client


@pytest.fixture
def company_client(client, company_member):
    client.force_login(company_member.user)
    return client


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def pytest_report_header(config):
    return (
        f"database: {os.environ.get('DATABASE_URL') or 'sqlite (default)'}; "
        f"channel layer: {'redis' if os.environ.get('REDIS_URL') else 'in-memory'}"
    )


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser (behind admin_client), with the authenticator
    app staff must have (marketplace.two_factor)."""
    from tests.factories import give_second_factor

    user = django_user_model.objects.create_superuser(
        email="admin@example.com", password="password"
    )
    return give_second_factor(user)
