"""StreamField blocks of the public pages, one template each under templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    pillars = blocks.ListBlock(
        PillarBlock(), label=_("pillars"), template="blocks/pillars.html"
    )
