"""A pseudonymous expert's identity never shows to whom it is not revealed.

Every page and every API route is rendered (GET) as each role on the demo
data, with every object the demo's pseudonymous expert (Élodie, alias
« Analyste data A7 ») takes part in, and one object per state of each kind.
A response that holds her real name, her e-mail address, her employer or her
photo's address fails, unless the reader is:

- Élodie herself;
- a member of Menuiseries Rivière, the organization she revealed herself to;
- the treasurer or the admin on a billing page (an invoice names its holder:
  the law asks for it, see docs/security.md).

One language (French): the check is about data, not words.
"""

import contextlib
import json
import re

import pytest
from django.urls import reverse

from tests.security.conftest import client_for
from tests.security.objects import demo_objects
from tests.security.routes import ROLES, fill, http_routes

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1200)]

REVEALED_TO = {"pseudonymous-expert", "company-owner", "company-colleague"}
# who may read a holder's legal name on billing pages (invoices, transfers)
BILLING_READERS = {"treasurer", "admin"}
# routes that are not about reading (sign-out, language switch) or stream a
# file whose bytes are not text
NOT_READ = {"account_logout", "set_language", "javascript-catalog", "api-schema"}


def secrets() -> list[str]:
    from marketplace.demo import email_for
    from marketplace.models import ExpertProfile

    profile = ExpertProfile.objects.get(member__user__email=email_for("elodie"))
    employers = set(
        profile.experiences.exclude(employer="").values_list("employer", flat=True)
    )
    return [
        profile.member.display_name,
        profile.member.display_name.split()[-1],  # "Garnier"
        email_for("elodie"),
        reverse("marketplace:profile_photo", kwargs={"profile_id": profile.pk}),
        *employers,
    ]


def readable(body: bytes) -> str:
    """The response as text, with JSON's \\u escapes decoded."""
    text = body.decode("utf-8", errors="replace")
    if text.lstrip().startswith(("{", "[")):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.fixture(scope="module")
def urls(demo):
    objects = demo_objects()
    found = []
    for route in http_routes():
        if route.name in NOT_READ or route.route.startswith(("admin/", "cms-admin/")):
            continue
        for url in fill(route, objects) or []:
            found.append((route.name, url))
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("role", [r for r in ROLES if r not in REVEALED_TO])
def test_pseudonymous_expert_is_never_unmasked(urls, role):
    client = client_for(role)
    hidden = secrets()
    leaks, read = [], 0
    for name, url in urls:
        if role in BILLING_READERS and name.startswith(("billing:", "billing-")):
            continue
        response = client.get(url)
        assert response.status_code < 500, f"{url} answers {response.status_code}"
        if response.status_code != 200 or response.streaming:
            continue
        read += 1
        text = readable(response.content)
        for secret in hidden:
            if re.search(re.escape(secret), text, re.IGNORECASE):
                leaks.append(f"{url} ({name}) shows {secret!r}")
    assert read > 10
    assert not leaks, f"{len(leaks)} leaks as {role}:\n" + "\n".join(leaks)


def test_revealed_readers_do_see_the_name(urls):
    """The check can fail: the organization she revealed herself to sees her name."""
    from marketplace.demo import email_for
    from missions.models import Mission

    client = client_for("company-owner")
    mission = Mission.objects.filter(expert__user__email=email_for("elodie")).first()
    response = client.get(
        reverse("missions:mission", kwargs={"mission_id": mission.pk})
    )
    assert "Garnier" in response.content.decode()
