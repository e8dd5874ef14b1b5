"""Editorial pages: a standard page, the FAQ, "how it works" per community."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock, FaqBlock
from .base import SitePage

EDITORIAL_PARENTS = ["cms.HomePage", "cms.StandardPage"]


class StandardPage(SitePage):
    """A page of text and blocks (about, legal notice...); may hold other standard pages."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = EDITORIAL_PARENTS
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class FaqPage(SitePage):
    """Frequently asked questions, each question a block with its answer."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    questions = StreamField(FaqBlock(), blank=True, verbose_name=_("questions"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("questions"),
    ]
    parent_page_types = EDITORIAL_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ page")


class HowItWorksPage(SitePage):
    """How Ouvrage works for one community (companies or experts), step by step."""

    class Community(models.TextChoices):
        COMPANIES = "companies", _("companies")
        EXPERTS = "experts", _("experts")

    community = models.CharField(
        _("community"), max_length=10, choices=Community.choices
    )
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("community"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = EDITORIAL_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("how it works page")
