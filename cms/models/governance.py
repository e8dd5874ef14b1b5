"""Pages built from what the members decided: the charter, and the decisions.

Editors write only the introduction; the rest comes from the rules registry
(core.rules), the rule versions and the motions (governance), and the dispute
precedents (missions), so nobody edits a decision by hand.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from governance import selectors as governance_selectors
from governance.models import Motion
from missions import selectors as missions_selectors

from .base import SitePage

CLOSED = [Motion.State.ADOPTED, Motion.State.REJECTED]


def charter_articles() -> list[dict]:
    """Each rule of the registry as an article: its value in force, the motion and
    tally that set it, and its history (oldest first)."""
    now = timezone.now()
    scheduled = list(
        Motion.objects.filter(
            state=Motion.State.ADOPTED, enactment=Motion.Enactment.SCHEDULED
        )
        .select_related("result")
        .defer("result__ballots")
        .order_by("effective_at")
    )
    articles = []
    for number, view in enumerate(governance_selectors.rules_overview(), start=1):
        adopted_by = [v for v in view.versions if v.motion_id and v.effective_at <= now]
        articles.append(
            {
                "number": number,
                "rule": view.rule,
                "value": view.value,
                "versions": view.versions,
                "current": adopted_by[-1] if adopted_by else None,
                # adopted, waiting for its effective date
                "coming": [
                    {"motion": m, "value": m.changes[view.key]}
                    for m in scheduled
                    if view.key in (m.changes or {})
                ],
            }
        )
    return articles


def charter_texts():
    """The adopted text motions that change the charter, newest first."""
    return (
        Motion.objects.filter(is_charter=True, state=Motion.State.ADOPTED)
        .select_related("result")
        .defer("result__ballots")
        .order_by("-closed_at")
    )


class CharterPage(SitePage):
    """The charter as voted: articles from the rules registry with the motion and tally
    that adopted each one and its history, and the charter texts the members adopted.
    Not editable by hand (only the introduction is)."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    search_fields = [*SitePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("charter page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = charter_articles()
        context["texts"] = charter_texts()
        return context


class DecisionsPage(SitePage):
    """The members' decisions, public: every closed motion with its outcome, turnout
    and recount link, and the mediators' anonymised dispute precedents."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    search_fields = [*SitePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("decisions page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        motions = (
            Motion.objects.filter(state__in=CLOSED)
            .select_related("result")
            .defer("result__ballots")
            .order_by("-closed_at")[:100]
        )
        context["motions"] = [(motion, turnout(motion)) for motion in motions]
        context["precedents"] = missions_selectors.precedents()[:100]
        return context


def turnout(motion) -> int | None:
    """The share of the electorate that voted, in whole percent (None before a result)."""
    result = getattr(motion, "result", None)
    if result is None:
        return None
    electorate = result.tally.get("electorate") or 0
    return round(100 * result.tally.get("voters", 0) / electorate) if electorate else 0
