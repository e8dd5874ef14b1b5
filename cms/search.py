"""Site search: the public pages (Wagtail search, in the reader's language), the
members' closed decisions."""

from wagtail.models import Locale, Page

from governance.models import Motion

from .cards import public_cards

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
        "decisions": list(decisions),
        "cards": cards,
    }
