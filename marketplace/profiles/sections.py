"""Sections other apps add to an expert's profile page.

marketplace may not import the apps above it, yet the profile shows their
facts (missions' published reviews, for one). An app registers a provider in
its AppConfig.ready(); the profile page asks every provider for its section:

    from marketplace.profiles import sections

    def reviews_section(*, profile, viewer, card):
        return sections.ProfileSection(
            template="missions/profile_reviews.html", context={...}
        )

    sections.register(reviews_section)

`card` is the `ProfileCard` as `viewer` may see it: a provider shows nothing
that the card hides (in pseudonymous mode, no name, employer or client that
could identify the expert).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    """A block of the profile page: a template and what it renders."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # "aside": beside the person's story (reviews, like Malt); "main": below it
    place: str = "aside"
    order: int = 100


Provider = Callable[..., ProfileSection | None]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (once; usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def sections_for(*, profile, viewer, card) -> list[ProfileSection]:
    """Every registered section for this profile and viewer, in order."""
    found = []
    for provider in _providers:
        section = provider(profile=profile, viewer=viewer, card=card)
        if section is not None:
            found.append(section)
    return sorted(found, key=lambda section: section.order)
