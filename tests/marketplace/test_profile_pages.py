"""Profile pages: draft -> publish, editing, bad input, hide list, pseudonymity."""

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from PIL import Image

from marketplace import services
from marketplace.models import ExpertProfile, ExpertSkill, PublicationStatus, Skill
from tests.factories import CompanyMemberFactory, ExpertFactory, paid
from tests.marketplace.factories import (
    ExperienceFactory,
    ExpertSkillFactory,
    ProfileFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type="image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_profile_starts_as_a_draft_that_others_cannot_see(
    expert_client, expert, client
):
    response = expert_client.get(reverse("marketplace:profile_edit"))
    assert response.status_code == 200
    profile = ExpertProfile.objects.get(member=expert)
    assert profile.status == PublicationStatus.DRAFT

    other = paid(CompanyMemberFactory())
    client.force_login(other.user)
    url = reverse("marketplace:profile", kwargs={"profile_id": profile.pk})
    assert client.get(url).status_code == 404


def test_publishing_needs_a_headline_then_shows_the_profile(expert_client, expert):
    expert_client.get(reverse("marketplace:profile_edit"))
    profile = ExpertProfile.objects.get(member=expert)
    response = expert_client.post(reverse("marketplace:profile_publish"))
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    profile.refresh_from_db()
    assert profile.status == PublicationStatus.DRAFT

    response = expert_client.post(
        reverse("marketplace:profile_edit"),
        {
            "headline": "Ingénieure qualité agroalimentaire",
            "summary": "Quinze ans en laiterie.",
            "day_rate": "650",
            "days_per_week": "3",
            "languages": ["fr", "en"],
            "location": "Besançon",
            "country": "FR",
            "remote": "hybrid",
            "links": "https://example.org/portfolio",
        },
    )
    assert response.status_code == 302
    response = expert_client.post(reverse("marketplace:profile_publish"))
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert list(get_messages(response.wsgi_request))[-1].level_tag == "success"
    profile.refresh_from_db()
    assert profile.status == PublicationStatus.PUBLISHED
    assert profile.day_rate_cents == 65_000
    assert profile.languages == ["fr", "en"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("day_rate", "-5", "ne peut pas être négatif"),
        ("summary", "x" * 5001, "5000"),
        ("links", "javascript:alert(1)", "pas une adresse web"),
        ("days_per_week", "9", "5"),
    ],
)
def test_bad_profile_input_is_refused_and_changes_nothing(
    expert_client, expert, field, value, message
):
    profile = ProfileFactory(member=expert, headline="Avant")
    data = {
        "headline": "Après",
        "days_per_week": "5",
        "country": "FR",
        "remote": "hybrid",
        field: value,
    }
    response = expert_client.post(reverse("marketplace:profile_edit"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert profile.headline == "Avant"


def test_service_refuses_negative_rate_and_unknown_language(expert):
    from django.core.exceptions import ValidationError

    profile = ProfileFactory(member=expert)
    with pytest.raises(ValidationError):
        services.profile_update(profile=profile, by=expert.user, day_rate_cents=-1)
    with pytest.raises(ValidationError):
        services.profile_update(profile=profile, by=expert.user, languages=["klingon"])
    profile.refresh_from_db()
    assert profile.day_rate_cents == 60_000


def test_unknown_skill_is_refused(expert_client, expert):
    profile = ProfileFactory(member=expert)
    response = expert_client.post(
        reverse("marketplace:profile_skills"), {"skill": "no-such-skill", "level": "3"}
    )
    assert response.status_code == 302
    assert not ExpertSkill.objects.filter(profile=profile).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Unknown skill" in m or "Compétence inconnue" in m for m in messages)


def test_skill_with_level_is_added_and_indexed(expert_client, expert):
    profile = ProfileFactory(member=expert)
    skill = Skill.objects.get(slug="lean-management")
    expert_client.post(
        reverse("marketplace:profile_skills"),
        {"skill": "lean-management", "level": "4"},
    )
    profile.refresh_from_db()
    assert profile.skill_levels == {str(skill.pk): 4}
    assert skill.name_fr in profile.search_text


def test_photo_upload_is_reencoded_under_a_random_name(expert_client, expert):
    profile = ProfileFactory(member=expert)
    response = expert_client.post(
        reverse("marketplace:profile_photo_upload"),
        {"image": upload("Jeanne-Dupont.png", png_bytes())},
    )
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    profile.refresh_from_db()
    assert profile.photo
    assert "jeanne" not in profile.photo.name.lower()
    assert "dupont" not in profile.photo.name.lower()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("cv.png", b"%PDF-1.4 not an image at all", "not"),
        ("huge.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10), "big"),
    ],
)
def test_non_images_and_oversized_files_are_refused(
    expert_client, expert, name, data, kind
):
    profile = ProfileFactory(member=expert)
    response = expert_client.post(
        reverse("marketplace:profile_photo_upload"), {"image": upload(name, data)}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.photo


def test_hidden_organization_gets_the_same_404_as_for_a_missing_profile(client):
    profile = ProfileFactory()
    company = paid(CompanyMemberFactory())
    services.hidden_from_add(profile=profile, organization=company.organization)
    client.force_login(company.user)
    hidden = client.get(
        reverse("marketplace:profile", kwargs={"profile_id": profile.pk})
    )
    missing = client.get(
        reverse(
            "marketplace:profile",
            kwargs={"profile_id": "01935c3e-0000-7000-8000-000000000000"},
        )
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    search = client.get(reverse("marketplace:search"), {"q": profile.headline})
    assert str(profile.pk) not in search.content.decode()
    assert "0 expert" in search.content.decode()


def test_pseudonymous_profile_shows_alias_without_name_employer_or_photo(client):
    expert = ExpertFactory(display_name="Élodie Garnier")
    profile = ProfileFactory(member=expert, headline="Data analyst")
    services.profile_photo_set(
        profile=profile, upload=upload("elodie.png", png_bytes())
    )
    ExperienceFactory(profile=profile, employer="Banque Secrète")
    services.profile_update(
        profile=profile, by=expert.user, pseudonymous=True, alias="Analyste A7"
    )
    company = paid(CompanyMemberFactory())
    client.force_login(company.user)
    url = reverse("marketplace:profile", kwargs={"profile_id": profile.pk})
    page = client.get(url).content.decode()
    assert "Analyste A7" in page
    assert "<title>Analyste A7" in page
    for secret in ("Élodie", "Garnier", "Banque Secrète", "/photo"):
        assert secret not in page
    photo = client.get(
        reverse("marketplace:profile_photo", kwargs={"profile_id": profile.pk})
    )
    assert photo.status_code == 404
    search = client.get(
        reverse("marketplace:search"), {"q": "Garnier"}
    ).content.decode()
    assert str(profile.pk) not in search
    search = client.get(
        reverse("marketplace:search"), {"q": "analyst"}
    ).content.decode()
    assert "Analyste A7" in search and "Garnier" not in search

    services.identity_reveal(
        profile=profile, organization=company.organization, by=expert.user
    )
    page = client.get(url).content.decode()
    assert "Élodie Garnier" in page and "Banque Secrète" in page
    photo = client.get(
        reverse("marketplace:profile_photo", kwargs={"profile_id": profile.pk})
    )
    assert photo.status_code == 200
    assert "elodie" not in photo.get("Content-Disposition", "")

    reveal = profile.reveals.get()
    services.identity_reveal_withdraw(reveal=reveal, by=expert.user)
    page = client.get(url).content.decode()
    assert "Élodie" not in page and "Analyste A7" in page


def test_search_lists_published_profiles_in_constant_queries(
    client, django_assert_max_num_queries
):
    viewer = paid(CompanyMemberFactory())
    client.force_login(viewer.user)
    skill = SkillFactory()
    for _ in range(3):
        ExpertSkillFactory(skill=skill)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("marketplace:search"))
    for _ in range(15):
        ExpertSkillFactory(skill=skill)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("marketplace:search"))
    assert (
        response.content.decode().count('<article class="card h-100 profile-card"')
        == 18
    )


def test_how_matching_works_is_public_and_shows_weights(client):
    response = client.get(reverse("marketplace:how_matching_works"))
    assert response.status_code == 200
    assert "40 %" in response.content.decode()
