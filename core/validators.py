"""Bounds every input shares: text, JSON, amounts and images.

Forms, serializers, socket frames and services call these so that a value
outside its type, range or size is refused with a clear error (a Django
ValidationError, or a `Refusal` where a service says no) and never reaches
the database or a loop as it came. See docs/security-input-and-auth.md.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from decimal import Decimal, InvalidOperation

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

# a JSON document nested deeper than this is refused before it is read further
JSON_MAX_DEPTH = 32
# an image is refused above this many pixels, from its header, before decoding;
# Pillow itself refuses to open anything above twice this (DecompressionBombError)
MAX_IMAGE_PIXELS = 25_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
# the largest amount, in cents, anything on the platform may carry (100 M€)
MAX_CENTS = 10_000_000_000

_FORBIDDEN_CHARS = re.compile("[\x00\ud800-\udfff]")


def text_is_storable(value: str) -> bool:
    """False for a NUL character or a lone surrogate: neither can be stored
    (PostgreSQL refuses NUL; a surrogate is not UTF-8) nor meant by a person."""
    return not _FORBIDDEN_CHARS.search(value)


def check_text(value):
    """A Django validator: refuses NUL characters and lone surrogates."""
    if isinstance(value, str) and not text_is_storable(value):
        raise ValidationError(
            _("This text contains a character that cannot be stored."),
            code="bad_character",
        )


def json_depth(value, limit: int = JSON_MAX_DEPTH) -> int:
    """The nesting depth of a JSON value, counting up to `limit` + 1 at most
    (iterative: a deep value cannot exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_depth(value, limit: int = JSON_MAX_DEPTH) -> None:
    if json_depth(value, limit) > limit:
        raise ValidationError(
            _("This JSON is nested too deeply (%(max)d levels at most).")
            % {"max": limit},
            code="too_deep",
        )


def check_json_value(value, limit: int = JSON_MAX_DEPTH) -> None:
    """A JSON value a database can hold: not too deep, and no key or text with
    a NUL or a lone surrogate (PostgreSQL's jsonb refuses \\u0000)."""
    check_json_depth(value, limit)
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValidationError(_("Numbers must be finite."), code="not_finite")
        elif item is not None and not isinstance(item, (bool, int, float)):
            raise ValidationError(
                _("This value does not have the expected shape."), code="not_json"
            )


def loads_bounded(text: str | bytes, limit: int = JSON_MAX_DEPTH):
    """json.loads that refuses, with ValueError, what is nested deeper than
    `limit` and non-finite numbers (NaN, Infinity), instead of failing deep
    inside the parser (RecursionError) or storing a number nothing can print."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if text.count("[") + text.count("{") <= limit:
        return json.loads(text, parse_constant=_no_constant)  # cannot be too deep
    depth = 0
    in_string = escaped = False
    for char in text:  # brackets outside strings give the depth before parsing
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                raise ValueError(f"JSON nested deeper than {limit} levels")
        elif char in "]}":
            depth -= 1
    return json.loads(text, parse_constant=_no_constant)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def finite_cents(value, *, minimum: int = 0, maximum: int = MAX_CENTS) -> int:
    """An amount in cents as an int within [minimum, maximum]; ValidationError
    for NaN, infinities, non-numbers, fractions of a cent and out-of-range values."""
    if isinstance(value, bool):
        raise ValidationError(_("Type an amount."), code="invalid")
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise ValidationError(_("Type a whole number of cents."), code="invalid")
        value = int(value)
    elif not isinstance(value, int):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(_("Type an amount."), code="invalid") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValidationError(_("Type a whole number of cents."), code="invalid")
        if abs(number) > MAX_CENTS * 10:
            raise ValidationError(_("This amount is too large."), code="max")
        value = int(number)
    if value < minimum:
        raise ValidationError(_("This amount is too small."), code="min")
    if value > maximum:
        raise ValidationError(_("This amount is too large."), code="max")
    return value


@deconstructible
class JsonSchemaValidator:
    """A model or serializer field validator: the value must match `schema`
    (and not be nested deeper than JSON_MAX_DEPTH)."""

    def __init__(self, schema: dict):
        self.schema = schema

    def __call__(self, value):
        check_json_value(value)
        validator = jsonschema.Draft202012Validator(self.schema)
        error = next(iter(validator.iter_errors(value)), None)
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path)
            if not where:  # the value itself, not a part of it
                raise ValidationError(
                    _("This value does not have the expected shape."), code="schema"
                )
            raise ValidationError(
                _("This value does not have the expected shape (at %(where)s).")
                % {"where": where},
                code="schema",
            )

    def __eq__(self, other):
        return isinstance(other, JsonSchemaValidator) and self.schema == other.schema


def string_list_schema(*, max_items: int, max_length: int) -> dict:
    """The schema of a list of short texts (questions, answers, languages...)."""
    return {
        "type": "array",
        "maxItems": max_items,
        "items": {"type": "string", "maxLength": max_length},
    }


def strings_only(value, max_items: int = 100) -> list[str]:
    """The texts of a JSON list, anything else dropped: what a page reads from a
    JSON field, so that a value stored in another shape cannot break it."""
    if not isinstance(value, list):
        return []
    return [item for item in value[:max_items] if isinstance(item, str)]


def image_dimensions_check(upload, max_pixels: int = MAX_IMAGE_PIXELS):
    """Open an image from its header only (nothing is decoded) and refuse it when
    it declares more than `max_pixels`; returns the opened image."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():  # refused below, with a sentence
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header: width, height, format
    except Image.DecompressionBombError:
        raise ValidationError(
            {"image": _("The image has too many pixels.")}, code="too_many_pixels"
        ) from None
    if image.width * image.height > max_pixels:
        raise ValidationError(
            {"image": _("The image has too many pixels.")}, code="too_many_pixels"
        )
    return image
