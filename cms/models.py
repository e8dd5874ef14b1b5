"""Wagtail pages of the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The public front page: what Ouvrage is and how to join."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    intro_en = models.TextField(_("introduction (English)"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    body_en = StreamField(BodyBlock(), blank=True, verbose_name=_("body (English)"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("intro_en"),
        FieldPanel("body_en"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def localized(self, request):
        """French content unless the visitor reads English and an English text exists."""
        english = getattr(request, "LANGUAGE_CODE", "fr") == "en"
        return {
            "intro": (self.intro_en if english and self.intro_en else self.intro),
            "body": (self.body_en if english and self.body_en else self.body),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content"] = self.localized(request)
        return context
