"""Every missions URL and API endpoint, walked with each role.

The walk fails when a URL exists that the table below does not know, so a new
page or endpoint cannot ship without its access rule.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from missions import api as missions_api
from missions import services
from missions.models import Need
from tests.factories import UserFactory, give_second_factor
from tests.missions import factories as f

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "other_company",
    "other_expert",
    "company",
    "expert",
    "mediator",
    "staff",  # is_staff without a role: sees nothing it has no part in
]
SIGNED_IN = frozenset(ROLES) - {"anonymous"}

# object kind → roles that may see it (everything else gets 404)
SEES = {
    "need": {"company", "expert"},
    "proposal": {"company", "expert"},
    "proposal_file": {"company", "expert"},
    "mission": {"company", "expert", "mediator"},
    "dispute": {"company", "expert", "mediator"},
    "invoice": {"company", "expert", "mediator"},
    "file": {"company", "expert", "mediator"},
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
# page URL name → the signed-in roles it opens to: a GET renders (200), a POST
# redirects back to the page of the object it acts on (302) with its message.
# Every other signed-in role gets 404, as for an object that does not exist.
OPENS = {
    "missions": SIGNED_IN,
    "mission": {"company", "expert", "mediator"},
    "mission_action": {"company", "expert", "mediator"},
    "needs": {"other_company", "other_expert", "company", "expert"},  # members
    "need_new": {"other_company", "company"},  # companies write needs
    "need": {"company", "expert"},
    "need_edit": {"company"},  # its author's organization
    "need_action": {"company", "expert"},
    "need_invite": {"company", "expert"},
    "proposal_new": {"expert"},  # the invited expert
    "proposals": {"other_expert", "expert"},  # experts list their own
    "proposal": {"company", "expert"},
    "proposal_revise": {"expert"},  # its author
    "proposal_action": {"company", "expert"},
    "dispute_action": {"company", "expert", "mediator"},
    "invoice_action": {"company", "expert", "mediator"},
    "file": {"company", "expert", "mediator"},
    "precedents": SIGNED_IN,
}
# action page → the kind of object whose page it redirects back to
BACK_TO = {
    "mission_action": "mission",
    "need_action": "need",
    "need_invite": "need",
    "proposal_action": "proposal",
    "dispute_action": "mission",
    "invoice_action": "mission",
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
    give_second_factor(mediator)  # staff must (marketplace.two_factor)
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


def test_the_pages_table_agrees_with_what_each_role_sees():
    for name, (method, kind, _extra) in PAGES.items():
        assert OPENS[name] <= (SEES[kind] if kind else SIGNED_IN), name
        assert (name in BACK_TO) == (method == "post"), name


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
            assert response.status_code == 302, (name, response.status_code)
            assert "/accounts/login/" in response["Location"]
            continue
        if role not in OPENS[name]:
            assert response.status_code == 404, (role, name, response.status_code)
            continue
        if method == "get":
            assert response.status_code == 200, (role, name, response.status_code)
            continue
        # in this world (need awarded, proposal accepted, mission disputed)
        # every action is refused: back to the object's page with an error
        assert response.status_code == 302, (role, name, response.status_code)
        back = BACK_TO[name]
        assert response["Location"] == reverse(
            f"missions:{back}", kwargs={KWARG[back]: objects[back].pk}
        ), (role, name)
        messages = list(get_messages(response.wsgi_request))
        assert messages and messages[-1].level_tag == "error", (role, name)
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


# (route name, method) → what each role that sees the object gets in the world
# above (need awarded, proposal accepted, mission disputed) for an empty body:
# one status for all of them, or role → status. 200 a read, 400 the empty body
# is invalid, 403 the role may not act, 409 the state forbids it. Roles that do
# not see the object get 404; anonymous callers get 403 (session auth first).
API = {
    ("need-list", "get"): 200,
    ("need-list", "post"): 400,
    ("need-recommended", "get"): 200,
    ("need-detail", "get"): 200,
    ("need-detail", "patch"): {"company": 409, "expert": 403, "staff": 403},
    ("need-cancel", "post"): 409,
    ("need-close", "post"): 409,
    ("need-invite", "post"): {"company": 409, "expert": 403, "staff": 403},
    ("need-proposals", "get"): 200,
    ("need-publish", "post"): {"company": 409, "expert": 403, "staff": 403},
    ("proposal-list", "get"): 200,
    ("proposal-list", "post"): 400,
    ("proposal-detail", "get"): 200,
    ("proposal-detail", "patch"): {"company": 403, "expert": 409, "staff": 403},
    ("proposal-accept", "post"): {"company": 409, "expert": 403, "staff": 403},
    ("proposal-decline", "post"): 409,
    ("proposal-shortlist", "post"): 409,
    ("proposal-withdraw", "post"): 409,
    ("mission-list", "get"): 200,
    ("mission-detail", "get"): 200,
    ("mission-accept_milestone", "post"): 409,
    ("mission-cancel", "post"): 409,
    ("mission-complete", "post"): 409,
    ("mission-confirm", "post"): 409,
    ("mission-declare_invoice", "post"): 400,
    ("mission-decline_award", "post"): 400,
    ("mission-deliver", "post"): 400,
    ("mission-dispute", "post"): 400,
    ("mission-request_cancellation", "post"): 400,
    ("mission-request_changes", "post"): 400,
    ("mission-resume", "post"): 409,
    ("mission-review", "post"): 400,
    ("mission-withdraw_award", "post"): 400,
    ("dispute-detail", "get"): 200,
    ("dispute-accept_proposal", "post"): {
        "company": 409,
        "expert": 409,
        "mediator": 403,
        "staff": 403,
    },
    ("dispute-answer_statement", "post"): 400,
    ("dispute-decide", "post"): 400,
    ("dispute-propose", "post"): 400,
    ("dispute-reject_proposal", "post"): 409,
    ("invoice-confirm_payment", "post"): 400,
}
ERROR_CODE = {
    400: "invalid",
    403: "permission_denied",
    404: "not_found",
    409: "conflict",
}


def test_every_missions_api_route_is_in_the_table():
    routes = sorted((name, method) for name, method, _kind in api_endpoints())
    assert routes == sorted(API)


@pytest.mark.parametrize("role", ROLES)
def test_api_with_each_role(api_client, world, role):
    users, objects = world
    if users[role] is not None:
        api_client.force_authenticate(users[role])
    for name, method, kind in api_endpoints():
        url = reverse(name, kwargs={"pk": objects[kind].pk} if kind else {})
        response = getattr(api_client, method)(url, {}, format="json")
        status = response.status_code
        if role == "anonymous":
            assert status == 403, (name, method, status)
            assert response.json()["error"]["code"] == "not_authenticated"
            continue
        if kind and role not in SEES[kind]:
            expected = 404
        else:
            expected = API[name, method]
            if isinstance(expected, dict):
                expected = expected[role]
        assert status == expected, (role, name, method, status)
        if status >= 400:
            error = response.json()["error"]
            assert error["code"] == ERROR_CODE[status], (role, name, method, error)
            assert error["detail"], (role, name, method)
        else:
            assert "error" not in response.json(), (role, name, method)
