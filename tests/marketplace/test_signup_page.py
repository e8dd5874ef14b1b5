"""The sign-up and confirmation pages in Ouvrage's words (issue 11's screenshots)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.models import Member, Organization

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-42"


def page_text(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_sign_up_button_is_a_verb_in_french(client):
    response = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    button = re.search(r'<button[^>]*type="submit"[^>]*>(.*?)</button>', main, re.S)
    assert button.group(1).strip() == "Créer mon compte"
    assert "Création de compte" not in html
    assert "vous connecter ." not in page_text(response)


def test_company_name_field_is_marked_for_companies_and_scripted(client):
    html = client.get(reverse("account_signup")).content.decode()
    field = re.search(r'<input[^>]*name="organization_name"[^>]*>', html).group(0)
    assert 'data-only-for-community="company"' in field
    assert "marketplace/signup.js" in html
    assert "<script>" not in html  # no inline script


def test_an_expert_typing_a_company_name_gets_no_organization(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nadia.petit@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia Petit",
            "community": "expert",
            "organization_name": "Petit Conseil",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(user__email="nadia.petit@example.org")
    assert member.is_expert and member.organization is None
    assert not Organization.objects.filter(name="Petit Conseil").exists()


def test_confirmation_page_does_not_name_the_address_twice(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "nadia.petit@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia Petit",
            "community": "expert",
        },
    )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    path = link.group(0).split("testserver", 1)[-1]
    text = page_text(client.get(path, HTTP_ACCEPT_LANGUAGE="fr"))
    assert "est l'adresse e-mail de" not in text
    assert "Confirmez que nadia.petit@example.org est bien votre adresse" in text
    assert "Confirmer mon adresse" in text
