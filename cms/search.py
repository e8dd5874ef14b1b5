"""Site search: the public pages (Wagtail search, in the reader's language), the
members' closed decisions, the published chapters of the stories, public cards."""

from django.db.models import Q
from wagtail.models import Locale, Page

from governance.models import Motion

from .cards import public_cards
from .models import Chapter, StoryPage

CLOSED = [Motion.State.ADOPTED, Motion.State.REJECTED]


def search_site(query: str, request) -> dict:
    locale = Locale.get_active()
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .specific()
        .search(query)
    )
    decisions = (
        Motion.objects.filter(state__in=CLOSED, title__icontains=query)
        .order_by("-closed_at")
        .only("pk", "title", "state", "closed_at")[:20]
    )
    # public cards: the headline, and the name shown (the alias under a pseudonym,
    # never the member's own name)
    cards = [
        profile
        for profile in public_cards().order_by("-updated_at")[:500]
        if query.casefold() in f"{profile} {profile.headline}".casefold()
    ][:20]
    return {
        "pages": list(pages[:30]),
        "chapters": _chapters(query, locale),
        "decisions": list(decisions),
        "cards": cards,
    }


def _chapters(query: str, locale) -> list[tuple[Chapter, str]]:
    """Published chapters whose title or text has the words, with their address
    on the story page of the reader's language; signed as their author chose
    (`byline`), so a search never finds a pseudonymous author's name."""
    stories = {
        story.translation_key: story
        for story in StoryPage.objects.live().public().filter(locale=locale)
    }
    chapters = (
        Chapter.objects.filter(state=Chapter.State.PUBLISHED, story_key__in=stories)
        .filter(Q(title__icontains=query) | Q(text__icontains=query))
        .select_related("author__profile")
        .order_by("-published_at")[:20]
    )
    return [
        (
            chapter,
            stories[chapter.story_key].url
            + stories[chapter.story_key].reverse_subpage("chapter", args=[chapter.pk]),
        )
        for chapter in chapters
    ]
