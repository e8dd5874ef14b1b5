"""A visitor reads every public page of the demo in both languages: the charter
with each article's motion, the decisions, nothing pseudonymous, nothing remote."""

import os
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from governance.models import Motion
from marketplace.demo import PSEUDONYMS
from marketplace.models import ExpertProfile

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(900)]

THIRD_PARTY = re.compile(
    r"""(?:src|href|action|content)=["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)"""
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def pseudonymous_names() -> list[str]:
    names = []
    for profile in ExpertProfile.objects.filter(pseudonymous=True).select_related(
        "member__user"
    ):
        names += [profile.member.display_name, profile.member.user.email]
    return [name for name in names if name]


def test_visitor_reads_every_public_page_in_both_languages(demo):
    assert set(PSEUDONYMS) and pseudonymous_names()
    hidden = pseudonymous_names()
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    assert (
        pages.filter(locale__language_code="en").count()
        == pages.filter(locale__language_code="fr").count()
    )
    visitor = Client()
    read = 0
    for page in pages:
        response = visitor.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{page.locale.language_code}">' in html, page.url
        assert not THIRD_PARTY.search(html), (page.url, THIRD_PARTY.search(html))
        for name in hidden:
            assert name not in html, (page.url, name)
        read += 1
    assert read >= 2 * 11


def test_charter_shows_each_article_with_its_motion_and_tally(demo):
    html = Client().get("/charte/").content.decode()
    adopted = Motion.objects.filter(
        state=Motion.State.ADOPTED, kind=Motion.Kind.RULES
    ).exclude(result=None)
    assert adopted.exists()
    for motion in adopted:
        assert motion.title.replace("'", "&#x27;") in html
        assert f"/governance/motions/{motion.pk}/results/" in html
    assert "Article 1" in html and "voir le décompte" in html
    english = Client().get("/en/charte/").content.decode()
    assert "The articles in force" in english and "Article 1" in english


def test_decisions_are_public_with_turnout_recount_and_precedents(demo):
    html = Client().get("/decisions/").content.decode()
    closed = Motion.objects.filter(
        state__in=[Motion.State.ADOPTED, Motion.State.REJECTED]
    )
    assert closed.exists()
    for motion in closed:
        assert f"/governance/motions/{motion.pk}/results/" in html
    assert "Participation" in html
    assert "Rejetée" in html and "Adoptée" in html
    assert "Précédents des litiges" in html
    # a visitor follows a recount link
    first = closed.first()
    assert Client().get(f"/governance/motions/{first.pk}/results/").status_code == 200
    # and nothing still being voted on is shown
    for motion in Motion.objects.filter(state=Motion.State.VOTING):
        assert str(motion.pk) not in html


def test_seed_demo_fills_the_site_in_both_languages(demo):
    from cms.cards import public_cards
    from cms.models import Chapter, NewsPage, StoryPage

    for code in ("fr", "en"):
        assert NewsPage.objects.live().filter(locale__language_code=code).count() == 3
        assert StoryPage.objects.live().filter(locale__language_code=code).exists()
    assert Chapter.objects.filter(state=Chapter.State.PUBLISHED).count() == 2
    assert Chapter.objects.filter(state=Chapter.State.SUBMITTED).count() == 1
    cards = list(public_cards())
    assert len(cards) == 2 and any(card.pseudonymous for card in cards)
    html = Client().get("/histoire-de-lea/").content.decode()
    assert "Analyste data A7" in html  # Élodie signs with her alias
    waiting = Chapter.objects.get(state=Chapter.State.SUBMITTED)
    assert waiting.title not in html


def test_home_shows_live_figures_by_key(demo):
    from missions.selectors import value_figures

    html = Client().get("/").content.decode()
    assert "La coopérative en chiffres" in html
    assert "prélevé par la plateforme sur les missions" in html
    missions = value_figures()["missions"]
    assert missions > 0
    assert f'<dd class="fs-3 fw-semibold mb-0">{missions}</dd>' in html
