"""Which staff roles a user holds, read once per request (the navigation and
the dashboard ask several times)."""

from .roles import MEDIATOR, MODERATOR, TREASURER

__all__ = ["MEDIATOR", "MODERATOR", "TREASURER", "holds", "roles_of"]


def roles_of(user) -> frozenset[str]:
    """The names of the user's role groups (every role for a superuser); cached."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_ouvrage_roles", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset({MODERATOR, TREASURER, MEDIATOR})
        else:
            cached = frozenset(user.groups.values_list("name", flat=True))
        user._ouvrage_roles = cached
    return cached


def holds(user, role: str) -> bool:
    return role in roles_of(user)
