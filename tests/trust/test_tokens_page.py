"""The API tokens page under settings: the owner lists, creates (the key shown
once) and revokes their tokens; nobody touches anyone else's (issue 15, item 4)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import ExpertFactory, paid

pytestmark = pytest.mark.django_db
PAGE = "/settings/api-tokens/"


def revoke_url(token: Token) -> str:
    return f"{PAGE}{token.key[:8]}/revoke/"


@pytest.fixture
def owner(client):
    member = paid(ExpertFactory())
    client.force_login(member.user)
    return member.user


def test_the_empty_page_offers_to_create_one(client, owner):
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "Créer un jeton" in page.content.decode()


def test_a_created_token_is_shown_once_then_only_its_first_characters(client, owner):
    created = client.post(PAGE)
    assert created.status_code == 200
    token = Token.objects.get(user=owner)
    assert token.key in created.content.decode()
    assert "no-store" in created.get("Cache-Control", "")
    again = client.get(PAGE).content.decode()
    assert token.key not in again
    assert token.key[:8] in again
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/me/").status_code == 200


def test_a_second_token_is_refused_and_the_first_one_kept(client, owner):
    first = Token.objects.create(user=owner)
    response = client.post(PAGE)
    assert response.status_code == 409
    assert list(Token.objects.filter(user=owner)) == [first]
    assert first.key not in response.content.decode()


def test_the_list_shows_only_the_persons_own_tokens(client, owner):
    mine = Token.objects.create(user=owner)
    theirs = Token.objects.create(user=paid(ExpertFactory()).user)
    page = client.get(PAGE).content.decode()
    assert mine.key[:8] in page
    assert theirs.key[:8] not in page


def test_revoking_someone_elses_token_is_a_404_and_changes_nothing(client, owner):
    Token.objects.create(user=owner)
    theirs = Token.objects.create(user=paid(ExpertFactory()).user)
    response = client.post(revoke_url(theirs), {"confirmed": "1"})
    assert response.status_code == 404
    assert Token.objects.filter(pk=theirs.pk).exists()
    assert Token.objects.filter(user=owner).exists()
    # a shorter prefix names nothing either
    short = client.post(f"{PAGE}{theirs.key[:4]}/revoke/", {"confirmed": "1"})
    assert short.status_code == 404
    assert Token.objects.filter(pk=theirs.pk).exists()


def test_revoking_asks_first_then_the_api_refuses_the_token(client, owner):
    token = Token.objects.create(user=owner)
    asked = client.post(revoke_url(token))
    assert asked.status_code == 200  # the confirmation step
    assert Token.objects.filter(pk=token.pk).exists()
    done = client.post(revoke_url(token), {"confirmed": "1"})
    assert done.status_code == 302
    assert done["Location"] == PAGE
    assert not Token.objects.filter(pk=token.pk).exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    refused = api.get("/api/me/")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "authentication_failed"


def test_a_get_on_the_revoke_address_changes_nothing(client, owner):
    token = Token.objects.create(user=owner)
    assert client.get(revoke_url(token)).status_code == 405
    assert Token.objects.filter(pk=token.pk).exists()


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
