"""Keeps the public site in place: a Wagtail root, Ouvrage's home page, the default site.

Runs after every migrate (and after a test database is flushed); idempotent.
"""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .home_content import BODY_EN, BODY_FR, INTRO_EN, INTRO_FR
from .models import HomePage


def ensure_home_page(**kwargs) -> None:
    if HomePage.objects.exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    # Wagtail's own welcome page gives way to ours
    for page in root.get_children().filter(slug="home"):
        page.delete()
    root.refresh_from_db()
    home = root.add_child(
        instance=HomePage(
            title="Ouvrage",
            slug="home",
            locale=locale,
            intro=INTRO_FR,
            intro_en=INTRO_EN,
            body=BODY_FR,
            body_en=BODY_EN,
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
