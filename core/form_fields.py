"""Form fields every app shares: amounts in euros, dates in the French way.

Models keep integer cents; a person types euros the way they write them. The
field converts, and refuses what no one means with a sentence that says what to
type. See docs/design-system.md ("Shared form fields").
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# No amount on the platform comes near this (a mission's budget, a fee, a day
# rate): a larger figure is a typing slip. A field may set a lower maximum.
MAX_EUROS = 10_000_000

# thousands may be separated by spaces of any kind (plain, no-break, narrow
# no-break: what "1 234,50 €" is printed with) or an apostrophe (Swiss style)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_MINUS = ("-", "\u2212")


def _french() -> bool:
    return (translation.get_language() or "fr").split("-")[0] == "fr"


def parse_euros(text) -> int | None:
    """Integer cents for an amount typed in euros; None when nothing is typed.

    "1200", "1 200", "1 200,50", "1200.5", "1 200 €", "1.200,50", "1,200.50"
    all read as they are meant. The last "," or "." followed by one or two
    digits is the decimal mark; spaces, and dots or commas between groups of
    three digits, separate thousands ("12,345" is 12 345 € in English, and
    refused in French, where it has three decimals). Raises ValidationError (codes
    "negative", "invalid", "max") for anything else; the maximum is MAX_EUROS.
    """
    raw = _SPACES.sub("", str(text or "")).replace("€", "")
    raw = re.sub(r"(?i)eur(os?)?$", "", raw)
    if not raw:
        return None
    if raw.startswith(_MINUS):
        raise ValidationError(
            EuroField.default_error_messages["negative"], code="negative"
        )
    marks = [i for i, char in enumerate(raw) if char in ",."]
    if marks:
        last = marks[-1]
        whole, tail = raw[:last], raw[last + 1 :]
        if len(tail) == 3 and _GROUPED.match(raw.replace(",", ".")):
            same = all(raw[i] == raw[last] for i in marks)
            if same and (len(marks) > 1 or raw[last] == "." or not _french()):
                # 1.200.000, 1,200,000, 1.200, and 1,200 in English: thousands
                whole, tail = raw, ""
            else:
                whole = "?"  # 12,345 in French: three decimals
        elif any(char in ",." for char in whole) and (
            raw[last] in whole or not _GROUPED.match(whole.replace(",", "."))
        ):
            whole = "?"  # 1,2,3 or 1.2,5: not a number anyone writes
        raw = whole.replace(",", "").replace(".", "") + ("." + tail if tail else "")
    if not _PLAIN.match(raw):
        raise ValidationError(EuroField.default_error_messages["invalid"], "invalid")
    amount = Decimal(raw)
    if amount > MAX_EUROS:
        raise ValidationError(
            EuroField.default_error_messages["max"],
            code="max",
            params={"max": euros_text(MAX_EUROS * 100)},
        )
    return int(amount * 100)


def format_euros(cents) -> str:
    """Integer cents as a person types them back: "1 200,50" in French,
    "1,200.50" in English, "1 200" when there are no cents; "" for None."""
    if cents is None or cents == "":
        return ""
    euros, rest = divmod(int(cents), 100)
    groups = f"{euros:,}"
    if _french():
        groups = groups.replace(",", " ")
    if not rest:
        return groups
    return f"{groups}{',' if _french() else '.'}{rest:02d}"


def euros_text(cents: int) -> str:
    """Whole euros as printed in a sentence: "10 000 000 €" (narrow no-break
    spaces, a no-break space before €) in French, "€10,000,000" in English."""
    groups = f"{int(cents) // 100:,}"
    if _french():
        return groups.replace(",", "\u202f") + "\u00a0€"
    return f"€{groups}"


class EuroField(forms.Field):
    """An amount typed in euros, cleaned to integer cents.

    Accepts what `parse_euros` reads; refuses negative amounts, words,
    non-finite numbers ("nan", "inf", "1e9"), more than two decimals and more
    than `max_euros` (MAX_EUROS unless the field sets a lower one), each with
    a translated sentence. `positive=True` refuses zero too. An empty value
    cleans to `empty_value` (None unless the field says 0).
    Initial values are cents, shown as euros ("1 200,50").
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _(
            "Type an amount in euros, such as 1 200 or 1 200,50 (two decimals at most)."
        ),
        "negative": _("An amount cannot be negative."),
        "max": _("This amount is too large: type at most %(max)s."),
        "min_value": _("Type an amount above zero."),
    }

    def __init__(self, *, max_euros=MAX_EUROS, positive=False, empty_value=None, **kw):
        self.max_euros = min(max_euros, MAX_EUROS)
        self.positive = positive
        self.empty_value = empty_value
        super().__init__(**kw)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "size": 12})
        return attrs

    def to_python(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # already cents (an initial value)
        if value in self.empty_values:
            return None
        try:
            return parse_euros(value)
        except ValidationError as error:
            raise ValidationError(
                self.error_messages[error.code],
                code=error.code,
                params={"max": euros_text(self.max_euros * 100)},
            ) from None

    def validate(self, value):
        super().validate(value)  # "required" when nothing is typed
        if value is None:
            return
        if value > self.max_euros * 100:
            raise ValidationError(
                self.error_messages["max"],
                code="max",
                params={"max": euros_text(self.max_euros * 100)},
            )
        if self.positive and value <= 0:
            raise ValidationError(self.error_messages["min_value"], code="min_value")

    def clean(self, value):
        cents = super().clean(value)
        return self.empty_value if cents is None else cents

    def prepare_value(self, value):
        """Cents (initial) are shown as euros; typed text is shown as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            return format_euros(value)
        return value


# ISO first (what a browser's date picker posts), then day first, as in France
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    """<input type="date">: the browser's calendar and keyboard on a phone,
    shown day first in a French browser; the value travels as ISO."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date as the French write it: the date picker's ISO value, or
    "31/12/2026" typed where the browser has no picker (also 31.12.2026,
    31-12-2026, 31/12/26). The help text says the format (« jj/mm/aaaa »)
    before the field's own help."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Type a date as day/month/year, such as 31/12/2026."),
    }

    def __init__(self, *, help_text="", **kwargs):
        hint = _("Date as dd/mm/yyyy.")
        help_text = format_lazy("{} {}", hint, help_text) if help_text else hint
        super().__init__(help_text=help_text, **kwargs)
