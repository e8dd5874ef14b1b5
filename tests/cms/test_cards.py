"""Public expert cards: off by default, published and withdrawn by the expert, a
pseudonymous expert shown by alias only, listed in search and the sitemap."""

import pytest
from django.urls import reverse

from marketplace.models import Experience, ExpertProfile, PublicationStatus
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def published_expert(**profile):
    member = ExpertFactory(display_name="Hugo Blanc")
    p, _ = ExpertProfile.objects.get_or_create(member=member)
    p.status = PublicationStatus.PUBLISHED
    p.headline = "Architecte de données"
    for key, value in profile.items():
        setattr(p, key, value)
    p.save()
    Experience.objects.create(
        profile=p,
        kind=Experience.Kind.values[0],
        category=Experience.Category.values[0],
        title="Refonte d'un entrepôt",
        employer="Banque Secrète",
        status=PublicationStatus.PUBLISHED,
    )
    return member


def test_card_is_off_by_default_then_published_and_withdrawn(client):
    member = published_expert()
    url = reverse("cms:card", args=[member.profile.pk])
    assert client.get(url).status_code == 404
    client.force_login(member.user)
    experience = member.profile.experiences.get()
    response = client.post(
        reverse("cms:my_card"),
        {"public_card": "on", "experiences": [str(experience.pk)]},
    )
    assert response.status_code == 302
    visitor_html = client.__class__().get(url).content.decode()
    assert "Hugo Blanc" in visitor_html and "Architecte de données" in visitor_html
    assert "Refonte d&#x27;un entrepôt" in visitor_html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert url in sitemap
    assert "Hugo Blanc" in client.get("/search/?q=Architecte").content.decode()
    client.post(reverse("cms:my_card"), {})
    assert client.__class__().get(url).status_code == 404
    assert url not in client.get("/sitemap.xml").content.decode()


def test_pseudonymous_card_shows_the_alias_only(client):
    member = published_expert(pseudonymous=True, alias="Analyste B9", public_card=True)
    member.profile.experiences.update(on_public_card=True)
    html = client.get(reverse("cms:card", args=[member.profile.pk])).content.decode()
    assert "Analyste B9" in html
    assert "Hugo Blanc" not in html and "Banque Secrète" not in html
    assert member.user.email not in html
    # search by the hidden name finds nothing
    assert "Analyste B9" not in client.get("/search/?q=Hugo").content.decode()
    assert "Analyste B9" in client.get("/search/?q=B9").content.decode()


def test_an_unpublished_profile_cannot_show_a_card(client):
    member = published_expert(status=PublicationStatus.DRAFT)
    client.force_login(member.user)
    client.post(reverse("cms:my_card"), {"public_card": "on"})
    member.profile.refresh_from_db()
    assert member.profile.public_card is False
