"""A GET reads: for every page and API route, as each role, the row count of
every table is the same before and after."""

import pytest
from django.apps import apps

from tests.security.conftest import client_for
from tests.security.matrix_objects import matrix_objects
from tests.security.routes import fill, http_routes

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1200)]

# a GET that changes state by design: signing out (allauth asks to confirm
# on GET, but records nothing), the session's language
NOT_READS = {"set_language"}
# tables a read may touch: sessions (a signed-in client), the cache table
VOLATILE = {"django_session"}


def counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.db_table not in VOLATILE and model._meta.managed
    }


@pytest.mark.parametrize("role", ["company-owner", "expert", "mediator", "admin"])
def test_get_never_writes(demo, role):
    client = client_for(role)
    objects = matrix_objects()
    writers = []
    for route in http_routes():
        if route.name in NOT_READS:
            continue
        for url in fill(route, objects) or []:
            before = counts()
            client.get(url)
            after = counts()
            changed = {
                t: (before[t], after[t]) for t in before if before[t] != after[t]
            }
            if changed:
                writers.append(f"{url} ({route.name}): {changed}")
    assert not writers, "GET wrote rows:\n" + "\n".join(writers)
