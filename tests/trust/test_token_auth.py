"""The API token endpoint: the sign-in page's limits, verified e-mail only, and
tokens an owner can list and revoke (issue 15, item 4)."""

import pytest
from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD, ExpertFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/token/"


def _ask(api_client, email, password=PASSWORD, **headers):
    return api_client.post(URL, {"email": email, "password": password}, **headers)


def test_an_unverified_account_gets_no_token(api_client):
    expert = ExpertFactory()
    EmailAddress.objects.filter(user=expert.user).update(verified=False)
    response = _ask(api_client, expert.user.email)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_unverified"
    assert not Token.objects.filter(user=expert.user).exists()


def test_failures_on_the_sign_in_page_count_for_the_token_endpoint(client, api_client):
    expert = ExpertFactory()
    for _ in range(5):  # LOGIN_RATE_LIMIT: 5 failures per account per 5 minutes
        client.post(
            "/accounts/login/", {"login": expert.user.email, "password": "wrong"}
        )
    response = _ask(api_client, expert.user.email)  # the right password, too late
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_attempts"
    assert not Token.objects.filter(user=expert.user).exists()


def test_token_failures_count_for_the_sign_in_page(client, api_client):
    expert = ExpertFactory()
    for _ in range(5):
        assert _ask(api_client, expert.user.email, "wrong").status_code == 400
    page = client.post(
        "/accounts/login/", {"login": expert.user.email, "password": PASSWORD}
    )
    assert page.status_code == 200  # the form again, refused: no redirect
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarding_header_does_not_escape_the_address_limit(api_client):
    statuses = [
        _ask(
            api_client,
            f"nobody{n}@example.org",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(12)
    ]
    assert statuses[0] == 400
    assert statuses[-1] == 429


def test_with_a_trusted_proxy_the_address_comes_from_the_proxy(settings, rf):
    from allauth.core.internal.httpkit import get_client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert get_client_ip(request) == "127.0.0.1"  # REMOTE_ADDR: header ignored
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert get_client_ip(request) == "198.51.100.7"  # what our proxy saw


def test_an_owner_lists_and_revokes_their_tokens(api_client):
    expert, other = ExpertFactory(), ExpertFactory()
    key = _ask(api_client, expert.user.email).json()["token"]
    other_key = _ask(api_client, other.user.email).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    listed = api_client.get("/api/auth/tokens/").json()
    assert [row["id"] for row in listed] == [key[:8]]
    assert key not in str(listed)  # never the whole key
    # another member's token cannot be revoked by this one
    assert api_client.delete(f"/api/auth/tokens/{other_key[:8]}/").status_code == 404
    assert api_client.delete(f"/api/auth/tokens/{key[:8]}/").status_code == 204
    assert api_client.get("/api/me/").status_code in (401, 403)
    assert Token.objects.filter(key=other_key).exists()
