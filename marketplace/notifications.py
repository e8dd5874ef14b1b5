"""The kinds of notification members can receive, declared by each app.

A kind has a label shown on the e-mail preferences page and says whether its
e-mails are sent by default. Apps declare theirs at import time of their
`apps.py` ready() (or module import), for example::

    notifications.register("mission.delivered", _("A mission was delivered"))
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    email_by_default: bool = True


_KINDS: dict[str, Kind] = {}


def register(key: str, label, *, email_by_default: bool = True) -> Kind:
    kind = Kind(key=key, label=label, email_by_default=email_by_default)
    _KINDS[key] = kind
    return kind


def get(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {key!r}; register it first."
        ) from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.key)


register("account.welcome", _("Welcome to Ouvrage"))
register("platform.announcement", _("Announcements from the platform"))
