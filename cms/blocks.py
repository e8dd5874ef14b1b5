"""StreamField blocks of the public pages, one template each under templates/blocks/.

The bakerydemo pattern: a block knows its fields and its template; a page's
body is a StreamField of these blocks, edited in /cms-admin/.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from governance.models import Motion

from .figures import figure_choices, read_figures

# contributions and editors' text: no script, no remote image, no embed
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        template = "blocks/heading.html"
        icon = "title"


class PillarBlock(blocks.StructBlock):
    """One of the promises the home page makes (no commission, votes, privacy...)."""

    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), max_length=400)

    class Meta:
        template = "blocks/pillar.html"
        icon = "pick"


class StepBlock(blocks.StructBlock):
    """One step of a "how it works" path."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), max_length=600)

    class Meta:
        template = "blocks/step.html"
        icon = "list-ol"


class AudienceBlock(blocks.StructBlock):
    """What Ouvrage does for one community (companies or experts), with a link."""

    community = blocks.ChoiceBlock(
        label=_("community"),
        choices=[("companies", _("companies")), ("experts", _("experts"))],
    )
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), max_length=600)
    page = blocks.PageChooserBlock(label=_("read more"), required=False)

    class Meta:
        template = "blocks/audience.html"
        icon = "group"


class QuestionBlock(blocks.StructBlock):
    """A question of the FAQ and its answer."""

    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        template = "blocks/question.html"
        icon = "help"


class CallToJoinBlock(blocks.StructBlock):
    """An invitation to join, with the sign-up button."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), max_length=400, required=False)

    class Meta:
        template = "blocks/call_to_join.html"
        icon = "user"


class LatestNewsBlock(blocks.StructBlock):
    """The newest news items published in the page's language."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=12)

    class Meta:
        template = "blocks/latest_news.html"
        icon = "doc-full"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        news = apps.get_model("cms", "NewsPage").objects.live().public()
        if page is not None:
            news = news.filter(locale_id=page.locale_id)
        context["items"] = news.order_by("-date", "-pk")[: value["count"]]
        return context


class LatestDecisionsBlock(blocks.StructBlock):
    """The members' most recent closed votes, with their outcome."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=12)

    class Meta:
        template = "blocks/latest_decisions.html"
        icon = "tick"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["motions"] = (
            Motion.objects.filter(
                state__in=[Motion.State.ADOPTED, Motion.State.REJECTED]
            )
            .select_related("result")
            .defer("result__ballots")
            .order_by("-closed_at")[: value["count"]]
        )
        decisions = apps.get_model("cms", "DecisionsPage").objects.live().public()
        page = (parent_context or {}).get("page")
        if page is not None:
            decisions = decisions.filter(locale_id=page.locale_id)
        context["decisions_page"] = decisions.first()
        return context


class FiguresBlock(blocks.StructBlock):
    """Live figures of the cooperative, chosen by key from cms.figures."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    keys = blocks.ListBlock(
        blocks.ChoiceBlock(choices=figure_choices, label=_("figure")),
        label=_("figures"),
    )

    class Meta:
        template = "blocks/figures.html"
        icon = "table"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["figures"] = read_figures(value["keys"])
        return context


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
    )
    pillars = blocks.ListBlock(
        PillarBlock(), label=_("pillars"), template="blocks/pillars.html"
    )
    steps = blocks.ListBlock(
        StepBlock(), label=_("steps"), template="blocks/steps.html"
    )
    audiences = blocks.ListBlock(
        AudienceBlock(), label=_("communities"), template="blocks/audiences.html"
    )
    latest_news = LatestNewsBlock(label=_("latest news"))
    latest_decisions = LatestDecisionsBlock(label=_("latest decisions"))
    call_to_join = CallToJoinBlock(label=_("call to join"))
    figures = FiguresBlock(label=_("live figures"))


class FaqBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    question = QuestionBlock(label=_("question"))
