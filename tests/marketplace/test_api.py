"""/api/: tokens, schema, me, error bodies."""

import pytest
import yaml

from tests.factories import PASSWORD, CompanyMemberFactory, ExpertFactory, paid

pytestmark = pytest.mark.django_db


def test_token_for_email_and_password_authenticates_api_calls(api_client):
    expert = paid(ExpertFactory(display_name="Léa Roy"))
    response = api_client.post(
        "/api/auth/token/", {"email": expert.user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    again = api_client.post(
        "/api/auth/token/", {"email": expert.user.email.upper(), "password": PASSWORD}
    )
    assert again.json()["token"] == token

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/me/").json()
    assert me["display_name"] == "Léa Roy"
    assert me["community"] == "expert"
    assert me["membership"]["active"] is True
    assert me["organization"] is None


def test_me_shows_company_organization_and_inactive_membership(api_client):
    member = CompanyMemberFactory()
    api_client.force_authenticate(member.user)
    me = api_client.get("/api/me/").json()
    assert me["organization"]["name"] == member.organization.name
    assert me["organization"]["role"] == "owner"
    assert me["membership"] == {"active": False, "until": None, "source": ""}


def test_wrong_password_gets_a_clear_error_body(api_client):
    expert = ExpertFactory()
    response = api_client.post(
        "/api/auth/token/", {"email": expert.user.email, "password": "nope"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_bad_input_lists_fields_in_the_error_body(api_client):
    response = api_client.post("/api/auth/token/", {"email": "not-an-email"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"email", "password"}


def test_anonymous_me_is_refused_with_the_same_shape(api_client):
    response = api_client.get("/api/me/")
    assert response.status_code == 403  # session auth comes first: 403, not 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_token_endpoint_is_throttled(api_client, settings):
    expert = ExpertFactory()
    statuses = [
        api_client.post(
            "/api/auth/token/", {"email": expert.user.email, "password": "x"}
        ).status_code
        for _ in range(12)
    ]
    assert statuses[-1] == 429
    assert statuses[0] == 400


def test_schema_is_openapi_3_and_documents_our_endpoints(api_client):
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/me/" in schema["paths"]
    assert "/api/auth/token/" in schema["paths"]
    assert not any(path.startswith("/cms-admin") for path in schema["paths"])


def test_documentation_page_loads_its_assets_from_our_server(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower() and "https://" not in html
