"""The public site in two languages: addresses, translations, the language switch,
hreflang, canonical addresses, the sitemap, search, robots.txt, errors, drafts."""

import re

import pytest
from wagtail.models import Locale, Page

from cms.demo import build_site
from cms.models import HomePage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_site()


def english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def test_every_demo_page_exists_in_both_languages(site):
    for name, page in site.items():
        translation = english_of(page)
        assert translation.live, name
        assert page.locale.language_code == "fr"
    assert HomePage.objects.count() == 2
    assert NewsPage.objects.live().count() == 6


def test_french_unprefixed_english_under_en(client, site):
    news = site["news"]
    assert news.url == "/actualites/"
    assert english_of(news).url == "/en/actualites/"
    french = client.get("/actualites/").content.decode()
    assert '<html lang="fr">' in french and "Actualités" in french
    english = client.get("/en/actualites/").content.decode()
    assert '<html lang="en">' in english and "The life of the cooperative." in english


def test_pages_name_their_translations_and_canonical_address(client, site):
    html = client.get(site["faq"].url).content.decode()
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html)
    )
    assert alternates["fr"].endswith("/questions/")
    assert alternates["en"].endswith("/en/questions/")
    assert alternates["x-default"] == alternates["fr"]
    assert re.search(r'<link rel="canonical" href="[^"]+/questions/"', html)
    assert '<meta property="og:title" content="Questions fréquentes">' in html
    assert '<meta name="description" content="Ce que l' in html


def test_language_switch_keeps_the_reader_on_the_same_page(client, site):
    html = client.get(site["charter"].url).content.decode()
    assert 'name="next" type="hidden" value="/en/charte/"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/charte/"})
    assert response.status_code == 302 and response["Location"] == "/en/charte/"
    english = client.get("/en/charte/").content.decode()
    assert 'name="next" type="hidden" value="/charte/"' in english
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/charte/"})
    assert response["Location"] == "/charte/"


def test_a_reader_who_chose_english_is_sent_to_the_translation(client, site):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/actualites/")
    assert response.status_code == 302 and response["Location"] == "/en/actualites/"
    # the rest of the application keeps the reader's language
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


def test_english_home_keeps_the_text_of_the_old_english_fields(client, site):
    html = client.get("/en/").content.decode()
    assert "Ouvrage matches companies with the experts who fit their needs." in html
    assert "What we promise" in html and "Latest news" in html
    assert "The quarter&#x27;s accounts are published" in html


def test_drafts_are_never_public(client, site):
    news = site["news"]
    draft = news.add_child(
        instance=NewsPage(
            title="Brouillon secret", slug="brouillon", intro="Pas encore"
        )
    )
    draft.unpublish()
    assert client.get("/actualites/brouillon/").status_code == 404
    assert "Brouillon secret" not in client.get("/actualites/").content.decode()
    assert "Brouillon secret" not in client.get("/sitemap.xml").content.decode()
    assert "Brouillon secret" not in client.get("/search/?q=Brouillon").content.decode()
    assert "Brouillon secret" not in client.get("/actualites/feed/").content.decode()


def test_sitemap_lists_every_public_page_in_both_languages(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    listed = set(re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml))
    public = {page.url for page in Page.objects.live().public().filter(depth__gt=1)}
    assert len(public) == 2 * len(site)
    assert public <= listed


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /cms-admin/" in text and "/sitemap.xml" in text


def test_search_finds_pages_in_the_readers_language(client, site):
    french = client.get("/search/?q=commission").content.decode()
    assert "Comment ça marche pour les experts" in french
    assert "How it works for experts" not in french
    english = client.get(
        "/search/?q=commission", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "How it works for experts" in english
    assert "Comment ça marche pour les experts" not in english


def test_the_faq_shows_its_questions_and_search_finds_them(client, site):
    page = client.get(site["faq"].url).content.decode()
    assert "Puis-je rester anonyme ?" in page
    french = client.get("/search/?q=pseudonyme").content.decode()
    assert "Questions fréquentes" in french
    english = client.get("/search/?q=alias", HTTP_ACCEPT_LANGUAGE="en")
    assert "Frequently asked questions" in english.content.decode()
    assert "Questions fréquentes" not in english.content.decode()


def test_news_feed_lists_the_news_of_its_language(client, site):
    rss = client.get("/en/actualites/feed/").content.decode()
    assert "<rss" in rss and "Ouvrage opens its doors" in rss
    assert "Ouvrage ouvre ses portes" not in rss


def test_friendly_404_in_the_readers_language(client, site, settings):
    settings.DEBUG = False
    french = client.get("/pas-de-page/")
    assert french.status_code == 404 and "Page introuvable" in french.content.decode()
    english = client.get("/en/no-page/")
    assert english.status_code == 404 and "Page not found" in english.content.decode()


def test_visitors_find_the_public_pages_in_the_menu_of_their_language(client, site):
    french = client.get("/").content.decode()
    nav = french[french.index('id="site-nav"') : french.index("</nav>")]
    for title in ("Actualités", "La charte", "Les décisions", "L&#x27;histoire de Léa"):
        assert title in nav
    english = client.get("/en/").content.decode()
    nav = english[english.index('id="site-nav"') : english.index("</nav>")]
    assert 'href="/en/actualites/"' in nav and "The charter" in nav
    assert "Actualités" not in nav


def test_contact_form_lands_in_the_admin_and_by_email(client, site, mailoutbox):
    from wagtail.contrib.forms.models import FormSubmission

    contact = site["contact"]
    response = client.post(
        contact.url,
        {"votre_adresse_e_mail": "lea@example.org", "votre_message": "Bonjour !"},
    )
    assert response.status_code == 200
    assert "Merci, nous vous répondons" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["votre_message"] == "Bonjour !"
    assert len(mailoutbox) == 1 and "Bonjour !" in mailoutbox[0].body
    assert mailoutbox[0].to == ["bonjour@ouvrage.coop"]
