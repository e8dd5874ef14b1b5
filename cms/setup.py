"""Keeps the public site in place: a Wagtail root, Ouvrage's home page in French and
its English translation, the locales, the default site.

Runs after every migrate (and after a test database is flushed); idempotent.
"""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .home_content import BODY_EN, BODY_FR, INTRO_EN, INTRO_FR
from .models import HomePage


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def ensure_home_page(**kwargs) -> None:
    locales = ensure_locales()
    french = locales[settings.LANGUAGE_CODE]
    home = HomePage.objects.filter(locale=french).first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(
                instance=Page(title="Root", slug="root", locale=french)
            )
        # Wagtail's own welcome page gives way to ours
        for page in root.get_children().filter(slug="home"):
            page.delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="Ouvrage",
                slug="home",
                locale=french,
                intro=INTRO_FR,
                body=BODY_FR,
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Ouvrage",
            },
        )
    english = locales["en"]
    if not HomePage.objects.filter(
        translation_key=home.translation_key, locale=english
    ).exists():
        translated = home.copy_for_translation(english)
        translated.intro, translated.body = INTRO_EN, BODY_EN
        translated.save_revision().publish()
    Site.clear_site_root_paths_cache()
