"""The main navigation: each app says which entries it offers to whom.

An app writes `<app>/navigation.py` with a provider
``nav_items(request, member) -> Iterable[NavItem]`` and registers it from its
AppConfig.ready (``navigation.register(nav_items)``). config's context
processor gathers every provider's entries for the page (``items_for``); the
layout (config/templates/base.html) draws them. ``member`` is the request's
Member or None (a visitor, or a staff account without a community).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.http import HttpRequest

# where an entry goes: the main bar, the staff menu (treasury, moderation,
# admin), or the account menu beside the member's name
MAIN = "main"
STAFF = "staff"
ACCOUNT = "account"


@dataclass(frozen=True)
class NavItem:
    """One entry of the navigation.

    ``badge`` is a count shown beside the label (unread messages, things to
    review); ``badge_label`` says what it counts for screen readers ("3
    unread"), already translated. ``order`` sorts entries inside a section
    (smaller first). ``match`` is the path prefix that marks the entry as the
    current page (its url by default). ``compact`` entries of the account
    section show only their icon (and badge) on a wide screen, the others go
    into the member's menu. ``active`` is set by ``items_for``.
    """

    label: str
    url: str
    icon: str = ""
    badge: int = 0
    badge_label: str = ""
    section: str = MAIN
    order: int = 100
    match: str = ""
    compact: bool = False
    active: bool = False


Provider = Callable[[HttpRequest, object], Iterable[NavItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add an app's provider (idempotent, so a second ready() does no harm)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def items_for(request: HttpRequest, member) -> list[NavItem]:
    """Every provider's entries, sorted, the one matching the page marked active."""
    items = [item for provider in _providers for item in provider(request, member)]
    items.sort(key=lambda item: (item.order, str(item.label)))
    path = getattr(request, "path", "") or ""
    best, best_length = None, 0
    for index, item in enumerate(items):
        prefix = item.match or item.url
        if prefix and prefix != "/" and path.startswith(prefix):
            if len(prefix) > best_length:
                best, best_length = index, len(prefix)
        elif prefix == "/" and path == "/" and best is None:
            best = index
    if best is not None:
        items[best] = replace(items[best], active=True)
    return items
