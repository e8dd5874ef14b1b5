"""schemathesis runs the OpenAPI schema (/api/schema/) against the app.

Every operation of the schema gets generated requests (valid and invalid
bodies, parameters and path ids) through Django's WSGI app, signed in as a
paid expert member with an API token. Checks: no 5xx, and every response of a
documented status conforms to the schema (body and content type).

Bounded: SCHEMATHESIS_EXAMPLES examples per operation (default 8), so that the
whole run stays within a few minutes on one core.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.settings import spectacular_settings
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import ExpertFactory, paid

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))


def _schema() -> dict:
    """The schema /api/schema/ serves, built without a request (no database)."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    return generator.get_schema(request=None, public=True)


# the coverage phase (boundary values of every parameter) takes ~10 minutes
# on a shared machine: on with SCHEMATHESIS_COVERAGE=1, off in CI
_config = SchemathesisConfig.from_dict(
    {
        "phases": {
            "coverage": {"enabled": os.environ.get("SCHEMATHESIS_COVERAGE") == "1"},
        }
    }
)
schema = schemathesis.openapi.from_dict(_schema(), config=_config)
schema.app = get_wsgi_application()
schema.location = "/api/schema/"


@pytest.fixture
def _keep_test_connection():
    """As Django's test client does: the WSGI handler's request signals must
    not close the test's database connection (its transaction holds the data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, _keep_test_connection):
    member = paid(ExpertFactory())
    return Token.objects.create(user=member.user).key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            response_schema_conformance,
            content_type_conformance,
        ],
    )
