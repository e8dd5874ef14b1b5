"""Sign-up, e-mail confirmation, login, password reset, rate limits, create_member."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from marketplace.models import Member, Organization, User
from tests.factories import PASSWORD, ExpertFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-mot-de-passe-solide-42"


def sign_up(client, **fields):
    data = {
        "email": "nadia.petit@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "display_name": "Nadia Petit",
        "community": "expert",
        "organization_name": "",
        **fields,
    }
    return client.post(reverse("account_signup"), data)


def test_sign_up_confirm_then_log_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    member = Member.objects.get(user__email="nadia.petit@example.org")
    assert member.is_expert and member.display_name == "Nadia Petit"
    assert not EmailAddress.objects.get(email="nadia.petit@example.org").verified

    # mandatory confirmation: the login does not open the dashboard yet
    client.logout()
    client.post(
        reverse("account_login"),
        {"login": "nadia.petit@example.org", "password": NEW_PASSWORD},
    )
    assert client.get(reverse("dashboard")).status_code == 302

    link = re.search(
        r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body
    ).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nadia.petit@example.org").verified

    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "nadia.petit@example.org", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert "Nadia Petit" in client.get(reverse("dashboard")).content.decode()


def test_company_sign_up_creates_organization_owned_by_member(client):
    sign_up(
        client,
        email="paul@atelier.fr",
        community="company",
        organization_name="Atelier Roux",
    )
    member = Member.objects.get(user__email="paul@atelier.fr")
    assert member.organization.name == "Atelier Roux"
    assert member.is_organization_owner


def test_company_sign_up_without_organization_is_refused_and_creates_nothing(client):
    response = sign_up(
        client, email="x@atelier.fr", community="company", organization_name=" "
    )
    assert response.status_code == 200
    assert "organization_name" in response.context["form"].errors
    assert not User.objects.filter(email="x@atelier.fr").exists()
    assert not Organization.objects.exists()


def test_password_reset_sends_a_working_link(client):
    expert = ExpertFactory()
    client.post(reverse("account_reset_password"), {"email": expert.user.email})
    link = re.search(
        r"https?://testserver(/accounts/password/reset/key/[^\s]+)",
        mail.outbox[-1].body,
    )
    response = client.get(link.group(1), follow=True)
    form_url = (
        response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    )
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    expert.user.refresh_from_db()
    assert expert.user.check_password(NEW_PASSWORD)


def test_login_attempts_are_rate_limited(client):
    expert = ExpertFactory()
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": expert.user.email, "password": "wrong"}
        )
    # even the right password is refused while the limit holds
    response = client.post(
        reverse("account_login"), {"login": expert.user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "too_many_login_attempts")
    assert client.get(reverse("dashboard")).status_code == 302


def test_create_member_command_joins_existing_organization():
    call_command(
        "create_member",
        email="a@b.fr",
        password=PASSWORD,
        community="company",
        organization="Lumen",
    )
    call_command(
        "create_member",
        email="c@b.fr",
        password=PASSWORD,
        community="company",
        organization="lumen",
    )
    assert Organization.objects.count() == 1
    roles = sorted(Member.objects.values_list("organization_role", flat=True))
    assert roles == ["member", "owner"]
    assert EmailAddress.objects.filter(email="c@b.fr", verified=True).exists()


def test_create_member_command_refuses_duplicate_and_missing_organization():
    call_command("create_member", email="a@b.fr", password=PASSWORD, community="expert")
    with pytest.raises(CommandError):
        call_command(
            "create_member", email="A@b.fr", password=PASSWORD, community="expert"
        )
    with pytest.raises(CommandError):
        call_command(
            "create_member", email="z@b.fr", password=PASSWORD, community="company"
        )
    assert Member.objects.count() == 1


def test_member_constraint_forbids_expert_with_organization():
    from django.db import IntegrityError, transaction

    from tests.factories import OrganizationFactory

    expert = ExpertFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=expert.pk).update(organization=OrganizationFactory())
