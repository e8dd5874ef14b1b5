"""Staff must use two-factor authentication (issue 15, item 4).

Admins, treasurers, moderators and mediators without an activated
authenticator app reach only the pages to set it up; their API requests
(session or token) and sockets are refused. Once allauth's TOTP is on, the
same person passes, and signing in asks for the code. Members are never asked.
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config.asgi import application
from marketplace.roles import MEDIATOR, MODERATOR, TREASURER
from marketplace.two_factor import TwoFactorAdapter
from tests.factories import (
    PASSWORD,
    ExpertFactory,
    UserFactory,
    give_second_factor,
    paid,
    totp_code,
)
from tests.messaging.conversation_factories import session_cookie
from tests.messaging.test_consumers import run

pytestmark = pytest.mark.django_db
STAFF_ROLES = ["superuser", "staff admin", MODERATOR, TREASURER, MEDIATOR]
REQUIRED = "/settings/two-factor/"


def staff(role: str, *, second_factor: bool = False):
    """A staff account of ``role``, without an authenticator unless asked.
    The three roles are given by group alone (not is_staff): holding the
    role is what makes the second factor required."""
    if role == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True, second_factor=False)
    elif role == "staff admin":
        user = UserFactory(is_staff=True, second_factor=False)
    else:
        user = UserFactory()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if second_factor:
        give_second_factor(user)
    return user


def token_client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_a_second_factor_are_sent_to_set_it_up(client, role):
    user = staff(role)
    client.force_login(user)
    for path in ("/dashboard/", "/settings/e-mails/", "/governance/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == REQUIRED, path
    page = client.get(REQUIRED)
    assert page.status_code == 200
    assert b"/accounts/2fa/totp/activate/" in page.content
    # the setting-up pages stay open
    assert client.get("/accounts/2fa/").status_code == 200
    activate = client.get("/accounts/2fa/totp/activate/")
    assert activate.status_code in (200, 302)
    if activate.status_code == 302:  # allauth asks for the password again first
        assert activate["Location"].startswith("/accounts/reauthenticate/")
        assert client.get(activate["Location"]).status_code == 200


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_their_api_requests_are_refused_by_session_and_by_token(client, role):
    user = staff(role)
    client.force_login(user)
    by_session = client.get("/api/me/")
    assert by_session.status_code == 403
    assert by_session.json()["error"]["code"] == "mfa_required"
    by_token = token_client(user).get("/api/me/")
    assert by_token.status_code == 403
    assert by_token.json()["error"]["code"] == "mfa_required"
    assert by_token.json()["error"]["detail"]  # a sentence saying what to do


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_with_an_activated_authenticator_the_same_person_passes(client, role):
    user = staff(role, second_factor=True)
    client.force_login(user)
    assert client.get("/dashboard/").status_code == 200
    assert client.get(REQUIRED)["Location"] == "/dashboard/"  # nothing to explain
    assert client.get("/api/me/").status_code == 200
    assert token_client(user).get("/api/me/").status_code == 200


def test_sign_out_and_the_language_switch_stay_open(client):
    user = staff(TREASURER)
    client.force_login(user)
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched["Location"] != REQUIRED
    assert client.get(REQUIRED).content.count(b"two-factor") >= 1  # in English now
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_member_is_never_asked(client):
    member = paid(ExpertFactory())
    client.force_login(member.user)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/me/").status_code == 200
    assert client.get(REQUIRED)["Location"] == "/dashboard/"
    assert token_client(member.user).get("/api/me/").status_code == 200


def _sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_activating_the_app_through_allauths_pages_opens_the_account(client):
    user = staff(MEDIATOR)
    assert _sign_in(client, user)["Location"] == "/dashboard/"
    assert client.get("/dashboard/")["Location"] == REQUIRED
    page = client.get("/accounts/2fa/totp/activate/")
    if page.status_code == 302:  # allauth asks for the password again first
        assert page["Location"].startswith("/accounts/reauthenticate/")
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]  # the key the QR code carries
    assert secret.encode() in page.content
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200  # the form again
    assert not Authenticator.objects.filter(user=user).exists()
    done = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/dashboard/").status_code == 200


def test_signing_in_with_a_second_factor_asks_for_the_code(client):
    user = staff(MODERATOR, second_factor=True)
    step = _sign_in(client, user)
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone opens nothing
    assert client.get("/dashboard/")["Location"].startswith("/accounts/login/")
    refused = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    signed_in = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert signed_in["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_the_token_endpoint_gives_staff_no_token_for_a_password(api_client):
    user = staff(TREASURER, second_factor=True)
    response = api_client.post(
        "/api/auth/token/", {"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"
    assert not Token.objects.filter(user=user).exists()


def test_staff_cannot_turn_their_second_factor_off():
    user = staff(TREASURER, second_factor=True)
    member = give_second_factor(paid(ExpertFactory()).user)
    adapter = TwoFactorAdapter()
    staff_app = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    member_app = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP)
    assert not adapter.can_delete_authenticator(staff_app)
    assert adapter.can_delete_authenticator(member_app)


async def _close(comm):
    connected, _ = await comm.connect()
    assert connected
    output = await comm.receive_output(timeout=3)
    assert output["type"] == "websocket.close"
    return output["code"], output.get("reason", "")


def _socket(user):
    return WebsocketCommunicator(
        application,
        "/ws/nowhere/",
        headers=[
            (b"origin", b"http://127.0.0.1"),
            (b"cookie", session_cookie(user).encode()),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_their_sockets_are_closed_until_the_second_factor_is_on():
    without = staff(MEDIATOR)
    assert run(_close, _socket(without)) == (4403, "mfa_required")
    with_app = staff(MEDIATOR, second_factor=True)
    assert run(_close, _socket(with_app))[0] == 4404  # on to the router: no such path
    member = paid(ExpertFactory()).user
    assert run(_close, _socket(member))[0] == 4404


@pytest.mark.parametrize("site", ["/admin/", "/cms-admin/"])
def test_the_admin_sites_sign_in_through_allauth_and_its_second_factor(client, site):
    user = staff("superuser", second_factor=True)
    to_login = client.get(f"{site}login/?next={site}")
    assert to_login.status_code == 302
    assert to_login["Location"].startswith("/accounts/login/?next=")
    # a password posted to the admin's own form signs nobody in
    client.post(f"{site}login/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
