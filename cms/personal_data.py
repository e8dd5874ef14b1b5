"""The public site's share of a member's export and erasure (CmsConfig.ready):
the chapters they wrote for the collective stories and their comments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models.stories import Chapter, ChapterComment

LABEL = _("your chapters of the collective stories and your comments on them")


def export_stories(member) -> dict:
    return {
        "chapters_written": list(
            Chapter.objects.filter(author=member).values(
                "id", "title", "text", "signature", "pen_name", "state", "created_at"
            )
        ),
        "comments_written": list(
            ChapterComment.objects.filter(author=member).values(
                "chapter__title", "text", "created_at"
            )
        ),
    }


def erase_stories(member) -> None:
    """A chapter is its author's text, signed by them: it goes, with its comments."""
    ChapterComment.objects.filter(author=member).delete()
    Chapter.objects.filter(author=member).delete()


privacy.register_exporter("stories", export_stories, label=LABEL)
privacy.register_eraser("stories", erase_stories)
