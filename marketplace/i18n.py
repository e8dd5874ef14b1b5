"""Writing to a member in their own language, whatever the request's language is."""

from contextlib import contextmanager

from django.utils import translation


@contextmanager
def in_language(member):
    """Render strings inside the block in `member.language` (French by default)."""
    with translation.override(getattr(member, "language", None) or "fr"):
        yield
