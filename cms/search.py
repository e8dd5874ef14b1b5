"""Site search: the public pages (Wagtail search, in the reader's language), the
members' closed decisions."""

from wagtail.models import Locale, Page

from governance.models import Motion

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
    return {"pages": list(pages[:30]), "decisions": list(decisions)}
