"""Ouvrage's template library: ``{% load ui %}``.

Filters: ``money`` (integer cents → "1 234,50 €" / "€1,234.50"), ``when`` and
``when_short`` (aware datetimes in the reader's time zone, one format),
``days`` (a count of days with its plural).
Tags: ``icon`` (a Bootstrap Icons symbol), ``state_badge`` (one label and one
tone per state), plus inclusion tags for the components in
core/templates/components/ (see docs/design-system.md).
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext

register = template.Library()

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator

# --- money ----------------------------------------------------------------------------

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def _french() -> bool:
    return (translation.get_language() or "fr").split("-")[0] == "fr"


def format_money(cents, currency: str = "EUR") -> str:
    """Integer cents as the reader writes money: "1 234,50 €" or "€1,234.50"."""
    if cents is None or cents == "":
        return ""
    amount = (Decimal(int(cents)) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, fraction = f"{abs(amount):.2f}".split(".")
    currency = (currency or "EUR").upper()
    symbol = SYMBOLS.get(currency)
    if _french():
        groups = f"{int(whole):,}".replace(",", NNBSP)
        return f"{sign}{groups},{fraction}{NBSP}{symbol or currency}"
    groups = f"{int(whole):,}"
    if symbol:
        return f"{sign}{symbol}{groups}.{fraction}"
    return f"{sign}{currency}{NBSP}{groups}.{fraction}"


@register.filter
def money(cents, currency="EUR"):
    """``{{ amount_cents|money }}`` or ``{{ amount_cents|money:invoice.currency }}``."""
    try:
        return format_money(cents, currency)
    except (TypeError, ValueError):
        return ""


# --- dates and times ------------------------------------------------------------------


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value: dt.date) -> str:
    """The date in words: "12 mars 2026" (1er for the first in French)."""
    text = date_format(value, "j F Y")
    if _french() and value.day == 1:
        text = "1er" + text[1:]
    return text


def _day_month(value: dt.date) -> str:
    text = date_format(value, "j F")
    if _french() and value.day == 1:
        text = "1er" + text[1:]
    return text


def _time(value: dt.datetime) -> str:
    if _french():
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def format_when(value) -> str:
    """One format for a moment: "12 mars 2026 à 14 h 05" / "12 March 2026, 14:05".

    An aware datetime is shown in the current time zone, which config's
    middleware sets to the member's (Europe/Paris by default).
    """
    if value in (None, ""):
        return ""
    value = _local(value)
    if not isinstance(value, dt.datetime):
        return _day(value)
    return pgettext("date and time", "%(date)s, %(time)s") % {
        "date": _day(value),
        "time": _time(value),
    }


def format_when_short(value, *, now=None) -> str:
    """For lists: the time today, the day this year, else the full date."""
    if value in (None, ""):
        return ""
    value = _local(value)
    now = _local(now or timezone.now())
    if isinstance(value, dt.datetime):
        if value.date() == now.date():
            return _time(value)
        value = value.date()
    if value.year == now.year:
        return _day_month(value)
    return _day(value)


@register.filter
def when(value):
    """``{{ message.created_at|when }}`` → "12 mars 2026 à 14 h 05"."""
    return format_when(value)


@register.filter
def when_short(value):
    """``{{ message.created_at|when_short }}`` → "14 h 05", "12 mars" or "12 mars 2025"."""
    return format_when_short(value)


@register.filter
def days(value):
    """``{{ 3|days }}`` → "3 jours" / "3 days" (0 and 1 are singular in French)."""
    if value in (None, ""):
        return ""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


# --- icons ----------------------------------------------------------------------------


@register.simple_tag
def icon(name, label=""):
    """``{% icon "chat" %}``: an inline SVG from the Bootstrap Icons sprite.

    Decorative (aria-hidden) unless ``label`` is given, then it is the image's
    accessible name.
    """
    href = f"{static('vendor/bootstrap-icons/bootstrap-icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="bi" width="1em" height="1em" role="img" aria-label="{}" '
            'focusable="false"><use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="bi" width="1em" height="1em" aria-hidden="true" '
        'focusable="false"><use href="{}"></use></svg>',
        href,
    )


# --- states ---------------------------------------------------------------------------

# One tone per state family (Bootstrap's text-bg-<tone>): drafts are grey,
# what is open or running is the brand colour, what waits on someone is amber,
# what is done is green, what is refused, cancelled or disputed is red.
TONES = {
    "draft": "secondary",
    "withdrawn": "secondary",
    "expired": "secondary",
    "void": "secondary",
    "none": "secondary",
    "paused": "secondary",
    "incomplete_expired": "secondary",
    "open": "primary",
    "published": "primary",
    "active": "primary",
    "awarded": "primary",
    "shortlisted": "primary",
    "deliberation": "primary",
    "voting": "primary",
    "trialing": "primary",
    "scheduled": "primary",
    "in_progress": "primary",
    "submitted": "warning",
    "proposed": "warning",
    "pending": "warning",
    "closed": "warning",
    "delivered": "warning",
    "changes_requested": "warning",
    "opened": "warning",
    "answered": "warning",
    "incomplete": "warning",
    "past_due": "warning",
    "unpaid": "warning",
    "needs_changes": "warning",
    "accepted": "success",
    "adopted": "success",
    "approved": "success",
    "completed": "success",
    "paid": "success",
    "resolved": "success",
    "decided": "success",
    "enacted": "success",
    "processed": "success",
    "refused": "danger",
    "declined": "danger",
    "rejected": "danger",
    "cancelled": "danger",
    "canceled": "danger",
    "disputed": "danger",
    "failed": "danger",
}
# where a state means something else on one model ("app_label.Model", state)
MODEL_TONES = {
    ("missions.Need", "awarded"): "success",
}
STATE_FIELDS = ("state", "status")


def register_tone(state: str, tone: str, *, model: str = "") -> None:
    """Let an app give a tone to a state the table above does not know."""
    if model:
        MODEL_TONES[(model, state)] = tone
    else:
        TONES[state] = tone


def state_tone(state: str, *, model: str = "") -> str:
    return MODEL_TONES.get((model, state)) or TONES.get(str(state), "secondary")


def state_of(obj, field: str = "") -> tuple[str, str, str]:
    """(state, human label, model label) of an object with a state field."""
    names = (field,) if field else STATE_FIELDS
    for name in names:
        if hasattr(obj, name) and hasattr(obj, f"get_{name}_display"):
            return (
                str(getattr(obj, name)),
                str(getattr(obj, f"get_{name}_display")()),
                obj._meta.label,
            )
    raise template.TemplateSyntaxError(
        f"state_badge: {type(obj).__name__} has no state field"
    )


@register.simple_tag
def state_badge(value, label=None, field=""):
    """``{% state_badge need %}``, ``{% state_badge invoice field="status" %}``
    or ``{% state_badge "pending" _("Waiting") %}`` / ``{% state_badge pair %}``
    with ``pair = (state, label)``: a badge with the state's human label.
    """
    model = ""
    if isinstance(value, tuple | list):
        state, label = value[0], value[1]
    elif label is None and not isinstance(value, str):
        state, label, model = state_of(value, field)
    else:
        state = value
        label = label if label is not None else gettext("Unknown state")
    tone = state_tone(str(state), model=model)
    return format_html(
        '<span class="badge state-badge text-bg-{}">{}</span>', tone, capfirst(label)
    )


# --- block components -----------------------------------------------------------------


class _ComponentNode(template.Node):
    def __init__(self, template_name, nodelists, kwargs):
        self.template_name = template_name
        self.nodelists = nodelists
        self.kwargs = kwargs

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.kwargs.items()}
        for name, nodelist in self.nodelists.items():
            values[name] = nodelist.render(context) if nodelist is not None else ""
        tpl = context.template.engine.get_template(self.template_name)
        with context.push(**values):
            return tpl.render(context)


def _kwargs(parser, bits):
    kwargs = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"unexpected arguments: {bits}")
    return kwargs


@register.tag
def card(parser, token):
    """``{% card title=_("Your account") icon="person" %}…{% endcard %}``.

    A titled section (h2 by default; ``level=3`` for a sub-section) with its body.
    """
    bits = token.split_contents()[1:]
    kwargs = _kwargs(parser, bits)
    body = parser.parse(("endcard",))
    parser.delete_first_token()
    return _ComponentNode("components/card.html", {"body": body}, kwargs)


@register.tag
def action_panel(parser, token):
    """The actions of a page, in order of importance::

        {% action_panel %}
          <form …><button class="btn btn-primary">Publish</button></form>
          <a class="btn btn-outline-primary" href="…">Edit</a>
        {% danger %}
          <form … data-confirm="…"><button class="btn btn-outline-danger">Cancel the need</button></form>
        {% endaction_panel %}

    The primary action comes first; what follows ``{% danger %}`` is set apart
    at the end (on a phone: below a rule), in the danger style.
    """
    bits = token.split_contents()[1:]
    kwargs = _kwargs(parser, bits)
    body = parser.parse(("danger", "endaction_panel"))
    danger = None
    if parser.next_token().contents == "danger":
        danger = parser.parse(("endaction_panel",))
        parser.delete_first_token()
    return _ComponentNode(
        "components/action_panel.html", {"body": body, "danger": danger}, kwargs
    )


@register.simple_tag
def confirm_attrs(consequence, confirm_label="", title="", danger=True):
    """Attributes for the <form> of an irreversible action::

        <form method="post" action="…" {% confirm_attrs _("The other proposals will be declined.") _("Award") %}>

    ui.js then asks in a dialog; the view checks core.confirm.confirmed(request).
    """
    return format_html(
        'data-confirm="{}" data-confirm-title="{}" data-confirm-ok="{}" '
        'data-confirm-cancel="{}"{}',
        consequence,
        title or gettext("Are you sure?"),
        confirm_label or gettext("Confirm"),
        gettext("Cancel"),
        mark_safe(" data-confirm-danger") if danger else "",  # a constant
    )


@register.simple_tag
def cycle_header(headers, index):
    """The header of a column, for a cell's data-label (responsive_table)."""
    try:
        return headers[index]
    except (IndexError, TypeError):
        return ""
