"""The front page, once per language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import SitePage


class HomePage(SitePage):
    """The public front page: what Ouvrage is, how it works for each community, the
    latest news and decisions, and how to join. The root of each language's tree."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.FaqPage",
        "cms.HowItWorksPage",
        "cms.ContactPage",
        "cms.NewsIndexPage",
        "cms.CharterPage",
        "cms.DecisionsPage",
        "cms.StoryPage",
        "cms.ReportIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
