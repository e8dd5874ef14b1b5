"""The public site's views beside Wagtail's pages: language switch, search, sitemap,
robots.txt, and the error pages."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.i18n import set_language as django_set_language
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .cards import public_cards
from .search import search_site


def set_language(request):
    """Django's set_language, reading `next` in the chosen language.

    Django translates `next` by resolving it in the reader's current language:
    the English address of a page (``/en/news/``) read in French is Wagtail's
    catch-all for a French page called ``en/news``, and came back as
    ``/en/en/news/``. Resolved in the chosen language it stays the page's address.
    """
    chosen = request.POST.get("language") or settings.LANGUAGE_CODE
    if chosen not in dict(settings.LANGUAGES):
        chosen = settings.LANGUAGE_CODE
    with translation.override(chosen):
        return django_set_language(request)


def sitemap(request):
    """Every live public page, in each of its languages (Wagtail's sitemap)."""
    return wagtail_sitemap(
        request, sitemaps={"pages": BilingualSitemap, "cards": CardSitemap(request)}
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cms-admin/",
        "Disallow: /api/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_site(query, request) if query else None
    return render(request, "cms/search.html", {"query": query, "results": results})


def page_not_found(request, exception=None):
    _reader_language(request)
    home = _home(request)
    home_url = home.get_url(request) if home is not None else "/"
    return render(request, "404.html", {"home_url": home_url}, status=404)


def server_error(request):
    _reader_language(request)
    return render(request, "500.html", status=500)


def _reader_language(request) -> None:
    """An address that is no page was read as French: answer in the reader's language."""
    preferred = getattr(request, "preferred_language", None)
    if preferred:
        translation.activate(preferred)
        request.LANGUAGE_CODE = preferred


def _home(request):
    root = Page.objects.filter(depth=2).first()
    return root.localized if root is not None else None


class BilingualSitemap(WagtailSitemap):
    """Wagtail's sitemap lists the site's tree in its default language only: this one
    lists every translation of the site's root page and the pages under each."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


class CardSitemap(DjangoSitemap):
    """The experts' public cards (one address each, whatever the language)."""

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None):
        return self.request.get_host()

    def items(self):
        return public_cards().order_by("pk")

    def location(self, item):
        return reverse("cms:card", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
