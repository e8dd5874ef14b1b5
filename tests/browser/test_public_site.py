"""The public site in a browser: a visitor browses and searches it in French and
in English (switching language on the same page), and a member's chapter of
Léa's story is published by a moderator, then read by a visitor.

Every page met goes through `Inspector.look` (tests/browser/page_checks.py);
no request leaves the site (the `new_page` fixture fails the test otherwise).
"""

import re

import pytest
from django.contrib.auth.models import Group

from cms.demo import build_site
from cms.models import Chapter
from marketplace.roles import MODERATOR
from tests.browser.conftest import sign_in, sign_in_staff
from tests.browser.page_checks import Inspector
from tests.factories import PASSWORD, ExpertFactory, give_second_factor

pytestmark = pytest.mark.browser


def test_visitor_browses_and_searches_in_both_languages(new_page):
    build_site()
    look = Inspector("public-site")
    look_en = Inspector("public-site-en", language="en")
    page = new_page("fr-FR")
    page.goto("/")
    look.look(page, "home")
    assert "Dernières actualités" in page.get_by_role("main").inner_text()
    page.goto("/actualites/")
    look.look(page, "news")
    page.get_by_role("link", name="Ouvrage ouvre ses portes").click()
    page.wait_for_url(re.compile(r"/actualites/ouverture/$"))
    look.look(page, "news-item")
    # the switch keeps the reader on the same page, in English
    page.get_by_role("button", name=re.compile("English")).first.click()
    page.wait_for_url(re.compile(r"/en/actualites/ouverture/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        "Ouvrage opens its doors" in page.get_by_role("heading", level=1).inner_text()
    )
    for path, step in (("/en/charte/", "charter"), ("/en/decisions/", "decisions")):
        page.goto(path)
        look_en.look(page, step)
    page.goto("/search/")
    page.get_by_label("Words to look for").fill("commission")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=commission"))
    look_en.look(page, "search")
    assert "How it works for experts" in page.get_by_role("main").inner_text()
    # back to French, on the same page
    page.goto("/en/questions/")
    page.get_by_role("button", name=re.compile("Français")).first.click()
    page.wait_for_url(re.compile(r"/questions/$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    page.goto("/search/?q=commission")
    look.look(page, "search-fr")
    assert "Comment ça marche pour les experts" in page.get_by_role("main").inner_text()
    assert not look.findings, look.report()
    assert not look_en.findings, look_en.report()


def test_member_chapter_published_by_a_moderator(new_page):
    story = build_site()["story"]
    author = ExpertFactory(display_name="Iris Martin")
    moderator = ExpertFactory(display_name="Modé Ratrice")
    moderator.user.groups.add(Group.objects.get_or_create(name=MODERATOR)[0])
    give_second_factor(moderator.user)  # staff must (marketplace.two_factor)
    look = Inspector("story")

    page = new_page("fr-FR")
    sign_in(page, author.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.goto(story.url)
    look.look(page, "story")
    page.get_by_role("link", name="Écrire un chapitre").first.click()
    page.wait_for_url(re.compile(r"/contribute/$"))
    page.get_by_label(re.compile("Intitulé|Titre")).fill("Léa choisit sa mission")
    page.get_by_label("Votre chapitre").fill(
        "Léa lit trois besoins et choisit le sien."
    )
    page.get_by_role("button", name="Envoyer en modération").click()
    page.wait_for_url(re.compile(r"/mine/$"))
    look.look(page, "mine")
    assert "En attente de modération" in page.get_by_role("main").inner_text()

    moderation = new_page("fr-FR")
    sign_in_staff(moderation, moderator.user.email, PASSWORD)
    moderation.wait_for_url(re.compile(r"/dashboard/$"))
    moderation.goto(story.url + "moderation/")
    look.look(moderation, "moderation")
    moderation.get_by_label(re.compile("Décision")).select_option("publish")
    moderation.get_by_role("button", name="Enregistrer la décision").click()
    moderation.wait_for_load_state("load")
    assert Chapter.objects.get().state == Chapter.State.PUBLISHED

    visitor = new_page("fr-FR")
    visitor.goto(story.url)
    main = visitor.get_by_role("main").inner_text()
    assert "Léa choisit sa mission" in main and "Iris Martin" in main
    visitor.get_by_role("link", name="Léa choisit sa mission").click()
    look.look(visitor, "chapter")
    assert not look.findings, look.report()
