"""Input checks shared by the pages, the API and the services: bad input is refused
with a clear message and nothing is stored (core.refusals.Refusal, status 400)."""

import re

from django.utils.translation import gettext as _

from core.refusals import Refusal

from .models import (
    CHARTER_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    POST_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

# control characters other than tab, newline and carriage return
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value, *, max_length: int, what: str, minimum: int = 1) -> str:
    if not isinstance(value, str):
        raise Refusal(
            _("%(what)s must be text.") % {"what": what}, code="malformed", status=400
        )
    if _CONTROL.search(value):
        raise Refusal(
            _("%(what)s contains characters that cannot be stored.") % {"what": what},
            code="malformed",
            status=400,
        )
    value = value.strip()
    if len(value) < minimum:
        raise Refusal(
            _("%(what)s is empty.") % {"what": what}, code="empty", status=400
        )
    if len(value) > max_length:
        raise Refusal(
            _("%(what)s is too long: at most %(max)s characters.")
            % {"what": what, "max": f"{max_length:n}"},
            code="too_long",
            status=400,
        )
    return value


def check_body(value) -> str:
    return _text(value, max_length=POST_MAX_LENGTH, what=_("The text"))


def check_title(value) -> str:
    return _text(value, max_length=TITLE_MAX_LENGTH, what=_("The title"))


def check_reason(value) -> str:
    return _text(value, max_length=REASON_MAX_LENGTH, what=_("The reason"))


def check_note(value) -> str:
    return _text(
        value or "", max_length=REASON_MAX_LENGTH, what=_("The note"), minimum=0
    )


def check_space_name(value) -> str:
    return _text(value, max_length=NAME_MAX_LENGTH, what=_("The name"))


def check_description(value) -> str:
    return _text(
        value or "",
        max_length=DESCRIPTION_MAX_LENGTH,
        what=_("The description"),
        minimum=0,
    )


def check_charter(value) -> str:
    return _text(
        value or "", max_length=CHARTER_MAX_LENGTH, what=_("The charter"), minimum=0
    )
