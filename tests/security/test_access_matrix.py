"""The access matrix: every route by every role against the declared table.

Routes come from the resolvers (config/urls.py, config/api_urls.py and
config/routing.py, through tests/security/routes.py); the expectations from
tests/security/access_matrix.py. Each route is asked for (GET, or the socket's
access check) as each of the 12 roles, with the demo objects of
tests/security/matrix_objects.py in its URL:

- a role in the route's entry must **get in**: 200, or a redirect elsewhere
  than a sign-in page (a page sending a member on, to their conversation or
  to their membership page);
- every other role must be **kept out**: 401, 403, 404, 405 or the sign-in page.

A route without an entry fails, and so does an entry without a route: a new
route ships with its line in the table. To see what a route does today, run
with ACCESS_MATRIX_RECORD=var/access-matrix.txt: the observed table is written
there (a help to write the entry; the entry is a decision, check it).
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from tests.security.access_matrix import MATRIX, NOT_CHECKED
from tests.security.conftest import client_for
from tests.security.matrix_objects import describe, matrix_objects
from tests.security.routes import ROLES, fill, http_routes, socket_routes

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1800)]

KEPT_OUT = {401, 403, 404, 405}
CHECKED: list[int] = []


def gets_in(response) -> bool:
    if response.status_code == 200:
        return True
    if response.status_code in (301, 302, 303):
        return "login" not in response["Location"]  # any sign-in page keeps out
    return False


def socket_gets_in(role: str, route, objects) -> bool:
    """The consumer's own access check: messaging.services.access_conversation
    for a conversation, spaces.access.thread_seat for a thread; the catch-all
    route (config.routing.UnknownPathConsumer) closes every socket (4404)."""
    from marketplace.demo import email_for
    from messaging import services
    from spaces.access import thread_seat

    if ROLES[role] is None or not route.kwargs:
        return False
    user = get_user_model().objects.get(email=email_for(ROLES[role]))
    try:
        with transaction.atomic():
            if route.kwargs == ("conversation_id",):
                conversation = objects["conversation_id"][0]
                services.access_conversation(user=user, conversation_id=conversation.pk)
            elif route.kwargs == ("thread_id",):
                thread_seat(user=user, thread_id=objects["thread_id"][0].pk)
            else:
                raise AssertionError(f"no access check known for {route.route}")
    except (Http404, PermissionDenied):
        return False
    return True


def all_routes():
    return [*http_routes(), *socket_routes()]


def test_every_route_has_an_entry_and_every_entry_a_route():
    names = {route.name for route in all_routes()}
    missing = sorted(names - set(MATRIX) - set(NOT_CHECKED))
    stale = sorted((set(MATRIX) | set(NOT_CHECKED)) - names)
    assert not missing, (
        "routes without an entry in tests/security/access_matrix.py: "
        + ", ".join(missing)
    )
    assert not stale, "entries without a route: " + ", ".join(stale)


@pytest.mark.parametrize("role", list(ROLES))
def test_access_matrix(demo, role):
    objects = matrix_objects()
    client = client_for(role)
    wrong, observed = [], {}
    for route in all_routes():
        if route.name in NOT_CHECKED:
            continue
        if route.kind == "socket":
            inside = socket_gets_in(role, route, objects)
            status = "in" if inside else "out"
        else:
            urls = fill(route, objects)
            if not urls:
                wrong.append(f"{route.name}: no demo object to put in {route.route}")
                continue
            response = client.get(urls[0])
            assert response.status_code < 500, f"{urls[0]}: {response.status_code}"
            inside = gets_in(response)
            status = response.status_code
            if not inside:
                assert status in KEPT_OUT or status in (301, 302, 303), (
                    f"{urls[0]} answers {status} to {role}: {response.content[:300]!r}"
                )
        CHECKED.append(1)
        observed[route.name] = inside
        if inside != (role in MATRIX.get(route.name, ())):
            wrong.append(
                f"{route.name} ({route.route}): {role} "
                f"{'gets in' if inside else 'is kept out'} ({status})"
            )
    record(role, observed)
    assert not wrong, (
        f"{len(wrong)} routes disagree with the matrix as {role} "
        f"(objects: {describe(objects)}):\n" + "\n".join(wrong)
    )


RECORDED: dict[str, set] = {}


def record(role: str, observed: dict) -> None:
    for name, inside in observed.items():
        RECORDED.setdefault(name, set())
        if inside:
            RECORDED[name].add(role)
    path = os.environ.get("ACCESS_MATRIX_RECORD")
    if path:
        lines = [
            f"    {name!r}: {sorted(roles)!r},"
            for name, roles in sorted(RECORDED.items())
        ]
        Path(path).write_text("\n".join(lines) + "\n")


def test_matrix_counts(capsys):
    """Last: how many (route, role) pairs were checked."""
    if not CHECKED:
        pytest.skip("the matrix did not run")
    routes = len([r for r in all_routes() if r.name not in NOT_CHECKED])
    with capsys.disabled():
        print(
            f"\nAccess matrix: {routes} routes x {len(ROLES)} roles, {len(CHECKED)} checks"
        )
