"""Marketplace pages speak the reader's language: no skill slug, language or
country code, rule key, snake_case word or raw enum value in the visible text."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from marketplace.models import Skill
from tests.marketplace.factories import (
    ExperienceFactory,
    ExpertSkillFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db

MACHINE = [
    re.compile(r"\b[a-z]+_[a-z_]+\b"),  # snake_case
    re.compile(r"\b[a-z]+\.[a-z_]+\b(?!\.(?:fr|org|coop|com))"),  # dotted keys
    re.compile(r"→"),  # "→ draft"-style states
    re.compile(r"\b(?:fr|en|nl|de), (?:fr|en|nl|de)\b"),  # language codes
]


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def machine_words(html: str) -> list[str]:
    text = visible_text(html)
    # e-mail addresses and web links are what people typed
    text = re.sub(r"\S+@\S+|https?://\S+", "", text)
    return [m.group(0) for pattern in MACHINE for m in pattern.finditer(text)]


@pytest.fixture
def rich_profile(expert):
    profile = ProfileFactory(
        member=expert, languages=["fr", "nl"], country="BE", remote="remote"
    )
    ExpertSkillFactory(profile=profile, skill=Skill.objects.get(slug="lean-management"))
    ExperienceFactory(profile=profile)
    return profile


@pytest.mark.parametrize("language", ["fr", "en"])
def test_expert_pages_have_no_machine_text(expert_client, rich_profile, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in [
        reverse("marketplace:profile_edit"),
        reverse("marketplace:profile", args=[rich_profile.pk]),
        reverse("marketplace:profile_privacy"),
        reverse("marketplace:experience_new"),
        reverse("marketplace:my_data"),
        reverse("email_preferences"),
        reverse("marketplace:how_matching_works"),
    ]:
        response = expert_client.get(url, **headers)
        assert response.status_code == 200, url
        assert machine_words(response.content.decode()) == [], url


@pytest.mark.parametrize("language", ["fr", "en"])
def test_company_pages_have_no_machine_text(company_client, rich_profile, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    skill = Skill.objects.get(slug="lean-management")
    for url in [
        reverse("marketplace:search"),
        reverse("marketplace:search") + f"?skill={skill.pk}&max_rate=900",
        reverse("marketplace:match") + f"?skill_1={skill.pk}&remote=hybrid",
        reverse("marketplace:organization"),
        reverse("marketplace:profile", args=[rich_profile.pk]),
    ]:
        response = company_client.get(url, **headers)
        assert response.status_code == 200, url
        assert machine_words(response.content.decode()) == [], url


def test_profile_shows_language_and_country_names(company_client, rich_profile):
    html = company_client.get(
        reverse("marketplace:profile", args=[rich_profile.pk])
    ).content.decode()
    assert "Français, Néerlandais" in html
    assert "Belgique" in html
