"""Every missions URL and API endpoint, walked with each role.

The walk fails when a URL exists that the table below does not know, so a new
page or endpoint cannot ship without its access rule.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from missions import api as missions_api
from missions import services
from missions.models import Need
from tests.factories import UserFactory
from tests.missions import factories as f

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "other_company",
    "other_expert",
    "company",
    "expert",
    "mediator",
    "staff",
]

# object kind → roles that may see it (everything else gets 404)
SEES = {
    "need": {"company", "expert", "staff"},
    "proposal": {"company", "expert", "staff"},
    "proposal_file": {"company", "expert", "staff"},
    "mission": {"company", "expert", "mediator", "staff"},
    "dispute": {"company", "expert", "mediator", "staff"},
    "invoice": {"company", "expert", "mediator", "staff"},
    "file": {"company", "expert", "mediator", "staff"},
}

# page URL name → (method, object kind or None for lists, extra kwargs)
PAGES = {
    "missions": ("get", None, {}),
    "mission": ("get", "mission", {}),
    "mission_action": ("post", "mission", {"name": "confirm"}),
    "needs": ("get", None, {}),
    "need_new": ("get", None, {}),
    "need": ("get", "need", {}),
    "need_edit": ("get", "need", {}),
    "need_action": ("post", "need", {"name": "close"}),
    "need_invite": ("post", "need", {}),
    "proposal_new": ("get", "need", {}),
    "proposals": ("get", None, {}),
    "proposal": ("get", "proposal", {}),
    "proposal_revise": ("get", "proposal", {}),
    "proposal_action": ("post", "proposal", {"name": "shortlist"}),
    "dispute_action": ("post", "dispute", {"name": "answer_statement"}),
    "invoice_action": ("post", "invoice", {"name": "confirm_payment"}),
    "file": ("get", "file", {}),
    "precedents": ("get", None, {}),
}
KWARG = {
    "need": "need_id",
    "proposal": "proposal_id",
    "mission": "mission_id",
    "dispute": "dispute_id",
    "invoice": "invoice_id",
    "file": "file_id",
}


@pytest.fixture
def world():
    buyer, seller = f.company(), f.expert()
    need = f.need_published(buyer, visibility=Need.Visibility.INVITED)
    services.need_invite(need=need, by=buyer.user, experts=[seller])
    offer = f.proposal(
        need,
        by=seller,
        files=[SimpleUploadedFile("note.txt", b"hello", content_type="text/plain")],
    )
    mission = services.proposal_accept(proposal=offer, by=buyer.user)
    services.mission_confirm(mission=mission, by=seller.user)
    delivery = services.mission_deliver(
        mission=mission,
        by=seller.user,
        message="v1",
        files=[
            SimpleUploadedFile("r.pdf", b"%PDF-1.7 x", content_type="application/pdf")
        ],
    )
    invoice = services.invoice_declare(
        mission=mission,
        by=seller.user,
        number="F1",
        amount_cents=1000,
        issued_on=timezone.localdate(),
    )
    mediator = UserFactory()
    mediator.groups.add(Group.objects.get(name="mediator"))
    dispute = services.dispute_open(
        mission=mission, by=seller.user, statement="Silence"
    )
    assert dispute.mediator == mediator
    users = {
        "anonymous": None,
        "other_company": f.company().user,
        "other_expert": f.expert().user,
        "company": buyer.user,
        "expert": seller.user,
        "mediator": mediator,
        "staff": UserFactory(is_staff=True),
    }
    objects = {
        "need": need,
        "proposal": offer,
        "mission": mission,
        "dispute": dispute,
        "invoice": invoice,
        "file": delivery.files.get(),
        "proposal_file": offer.files.get(),
    }
    return users, objects


def test_every_missions_page_is_in_the_table():
    names = {
        p.name
        for p in get_resolver("missions.urls").url_patterns
        if isinstance(p, URLPattern)
    }
    assert names == set(PAGES)


@pytest.mark.parametrize("role", ROLES)
def test_pages_with_each_role(client, world, role):
    users, objects = world
    if users[role] is not None:
        client.force_login(users[role])
    for name, (method, kind, extra) in PAGES.items():
        kwargs = dict(extra)
        if kind:
            kwargs[KWARG[kind]] = objects[kind].pk
        url = reverse(f"missions:{name}", kwargs=kwargs)
        response = getattr(client, method)(url)
        if role == "anonymous":
            expected = {302}
            assert response.status_code in expected, (name, response.status_code)
            assert "/accounts/login/" in response["Location"]
            continue
        if kind and role not in SEES[kind]:
            assert response.status_code == 404, (role, name, response.status_code)
            continue
        # visible: a page renders (200) or a member-only page is 404 for staff;
        # an action answers with a redirect carrying its message
        allowed = {302} if method == "post" else {200, 404}
        assert response.status_code in allowed, (role, name, response.status_code)
    # the proposal's attachment follows the proposal's visibility
    response = client.get(reverse("missions:file", args=[objects["proposal_file"].pk]))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in SEES["proposal_file"]:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert response.status_code == 404


def api_endpoints():
    """(url name, method, object kind) for every route of missions.api (no format suffix)."""
    found = []
    for pattern in missions_api.router.urls:
        if "format" in pattern.pattern.regex.pattern:
            continue
        callback = pattern.callback
        kind = {
            "need": "need",
            "proposal": "proposal",
            "mission": "mission",
            "dispute": "dispute",
            "invoice": "invoice",
        }[pattern.name.split("-")[0]]
        detail = "<pk>" in pattern.pattern.regex.pattern
        for method, action in callback.actions.items():
            if action == "update" or method not in ("get", "post", "patch"):
                continue
            found.append((pattern.name, method, kind if detail else None))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_api_with_each_role(api_client, world, role):
    users, objects = world
    if users[role] is not None:
        api_client.force_authenticate(users[role])
    endpoints = api_endpoints()
    assert len(endpoints) > 30
    for name, method, kind in endpoints:
        url = reverse(name, kwargs={"pk": objects[kind].pk} if kind else {})
        response = getattr(api_client, method)(url, {}, format="json")
        status = response.status_code
        if role == "anonymous":
            assert status in (401, 403), (name, status)
            assert "error" in response.json()
            continue
        if kind and role not in SEES[kind]:
            assert status == 404, (role, name, method, status)
            assert response.json()["error"]["code"] == "not_found"
            continue
        if method == "get":
            assert status == 200, (role, name, status)
        else:
            assert status in (200, 201, 400, 403, 409), (role, name, method, status)
            if status >= 400:
                assert set(response.json()["error"]) >= {"code", "detail"}
