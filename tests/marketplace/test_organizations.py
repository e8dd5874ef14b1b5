"""Organizations: owners edit them and invite colleagues by e-mail."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from PIL import Image

from marketplace.models import Member, OrganizationInvitation
from tests.factories import CompanyMemberFactory, paid

pytestmark = pytest.mark.django_db


def test_owner_invites_a_colleague_who_joins_through_the_link(
    company_client, company_member, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = company_client.post(
            reverse("marketplace:organization_action"),
            {"action": "invite", "email": "Julie.Martin@example.org"},
        )
    assert response.status_code == 302
    invitation = OrganizationInvitation.objects.get()
    assert invitation.email == "julie.martin@example.org"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link[link.index("/invitations/") :]

    client.logout()
    page = client.get(path)
    assert company_member.organization.name in page.content.decode()
    response = client.post(
        path, {"display_name": "Julie Martin", "password": "un mot de passe sûr"}
    )
    assert response.status_code == 302
    colleague = Member.objects.get(user__email="julie.martin@example.org")
    assert colleague.organization == company_member.organization
    assert colleague.organization_role == Member.OrganizationRole.MEMBER
    # the link works once
    assert client.get(path).status_code == 404


def test_a_colleague_who_is_not_owner_cannot_invite_or_edit(client, company_member):
    colleague = paid(
        CompanyMemberFactory(
            organization=company_member.organization,
            organization_role=Member.OrganizationRole.MEMBER,
        )
    )
    client.force_login(colleague.user)
    response = client.post(
        reverse("marketplace:organization_action"),
        {"action": "invite", "email": "x@example.org"},
    )
    assert response.status_code == 403
    assert not OrganizationInvitation.objects.exists()
    response = client.post(
        reverse("marketplace:organization"), {"name": "Pirate", "country": "FR"}
    )
    assert response.status_code == 403
    company_member.organization.refresh_from_db()
    assert company_member.organization.name != "Pirate"


def test_a_bad_address_is_refused(company_client):
    response = company_client.post(
        reverse("marketplace:organization_action"),
        {"action": "invite", "email": "not-an-address"},
    )
    # back to the organization page, the refusal in its messages
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:organization")
    messages = list(get_messages(response.wsgi_request))
    assert messages[-1].level_tag == "error"
    assert not OrganizationInvitation.objects.exists()


def test_inviting_a_member_answers_as_for_a_stranger(company_client, expert):
    """Whether an address is on Ouvrage is nobody's business: same answer."""
    answers = []
    for email in (expert.user.email, "stranger@example.org"):
        response = company_client.post(
            reverse("marketplace:organization_action"),
            {"action": "invite", "email": email},
        )
        messages = list(get_messages(response.wsgi_request))
        answers.append(
            (response.status_code, messages[-1].level_tag, str(messages[-1]))
        )
    assert answers[0] == answers[1]
    assert expert.display_name not in str(answers)
    assert OrganizationInvitation.objects.count() == 2


def test_organization_edit_rejects_oversized_text_and_keeps_the_old_values(
    company_client, company_member
):
    response = company_client.post(
        reverse("marketplace:organization"),
        {"name": "Nouveau nom", "country": "FR", "description": "x" * 5001},
    )
    assert response.status_code == 200
    company_member.organization.refresh_from_db()
    assert company_member.organization.name != "Nouveau nom"


def test_logo_is_stored_under_a_random_name_and_non_images_are_refused(
    company_client, company_member
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (30, 30)).save(buffer, format="PNG")
    company_client.post(
        reverse("marketplace:organization_action"),
        {
            "action": "logo",
            "image": SimpleUploadedFile("riviere-logo.png", buffer.getvalue()),
        },
    )
    organization = company_member.organization
    organization.refresh_from_db()
    assert organization.logo and "riviere" not in organization.logo.name
    before = organization.logo.name
    company_client.post(
        reverse("marketplace:organization_action"),
        {
            "action": "logo",
            "image": SimpleUploadedFile("virus.png", b"MZ\x90\x00 not a png"),
        },
    )
    organization.refresh_from_db()
    assert organization.logo.name == before


def test_api_updates_the_organization_and_refuses_bad_input(api_client, company_member):
    api_client.force_authenticate(company_member.user)
    url = reverse("api-organization")
    assert (
        api_client.patch(url, {"sector": "Bois"}, format="json").json()["sector"]
        == "Bois"
    )
    response = api_client.patch(url, {"country": "France"}, format="json")
    assert response.status_code == 400
    response = api_client.post(
        reverse("api-organization-invitations"), {"email": "nope"}, format="json"
    )
    assert response.status_code == 400
