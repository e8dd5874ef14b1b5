"""A GET reads: for every page and API route, as each of the twelve roles, the
request sends no INSERT, UPDATE or DELETE to the database (a signed-in
client's session row aside). Catching the statements themselves also catches
an UPDATE, which comparing row counts would miss."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.security.conftest import client_for
from tests.security.matrix_objects import matrix_objects
from tests.security.routes import ROLES, fill, http_routes

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1800)]

# a GET that changes state by design: the session's language
NOT_READS = {"set_language"}
# a write a read may make: the signed-in client's session
WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.I)
VOLATILE = {"django_session"}
# opening a conversation is reading it: the page moves the reader's own read
# receipt and presence (an UPDATE of their participant row, nothing created)
READS_RECORDED = {("missions:conversation", "UPDATE", "missions_participant")}


def writes(queries, route: str = "") -> list[str]:
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if not match or match.group(2) in VOLATILE:
            continue
        verb = match.group(1).split()[0].upper()
        if (route, verb, match.group(2)) not in READS_RECORDED:
            found.append(query["sql"][:120])
    return found


def test_the_write_detector_sees_writes():
    assert writes([{"sql": 'UPDATE "missions_need" SET "title" = %s'}])
    assert writes([{"sql": 'INSERT INTO "messaging_conversation" ("id") VALUES'}])
    assert writes([{"sql": "DELETE FROM spaces_post WHERE id = 1"}])
    assert not writes([{"sql": 'SELECT * FROM "missions_need" FOR UPDATE'}])
    assert not writes([{"sql": 'UPDATE "django_session" SET "expire_date" = %s'}])
    receipt = {"sql": 'UPDATE "missions_participant" SET "last_read_seq" = 1'}
    assert not writes([receipt], "missions:conversation")
    assert writes([receipt], "missions:conversations")
    assert writes([{"sql": 'INSERT INTO "missions_participant" ("id") VALUES'}],
                  "missions:conversation")  # fmt: skip


@pytest.mark.parametrize("role", list(ROLES))
def test_get_never_writes(demo, role):
    client = client_for(role)
    objects = matrix_objects()
    writers = []
    for route in http_routes():
        if route.name in NOT_READS:
            continue
        for url in fill(route, objects) or []:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            if found := writes(captured.captured_queries, route.name):
                writers.append(f"{url} ({route.name}): {found}")
    assert not writers, "GET wrote rows:\n" + "\n".join(writers)
