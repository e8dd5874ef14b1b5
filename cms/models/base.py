"""What every public page shares: its translations for the language switch and hreflang."""

from django.utils import translation
from wagtail.models import Page

from ..navigation import site_menu


class Translated:
    """Mixed into every public page: `alternates` lists it in each language it exists in."""

    def alternates(self, request=None) -> list[dict]:
        """The live translations of this page (itself included), one per language."""
        rows = []
        pages = (
            Page.objects.live().public().filter(translation_key=self.translation_key)
        )
        for page in pages.select_related("locale").order_by("locale__language_code"):
            code = page.locale.language_code
            rows.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "url": page.get_full_url(request),
                    "path": page.get_url(request),
                    "current": page.pk == self.pk,
                }
            )
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["alternates"] = alternates = self.alternates(request)
        if not request.user.is_authenticated:
            context["site_menu"] = site_menu(request, self)
        # the language switch keeps the reader on this page, in the other language
        others = [row["path"] for row in alternates if not row["current"]]
        if others:
            context["switch_next"] = others[0]
        return context


class SitePage(Translated, Page):
    """The base of the public pages."""

    class Meta:
        abstract = True
