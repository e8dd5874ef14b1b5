"""Template filters for money and rule values."""

from django import template
from django.utils.formats import number_format

from .. import countries, form_fields, identity

register = template.Library()


@register.filter
def cents(value, currency="EUR"):
    """12345 → "123,45 €" (localised). Money is integer cents everywhere."""
    if value is None or value == "":
        return ""
    amount = int(value) / 100
    text = number_format(amount, decimal_pos=2, force_grouping=True)
    return f"{text} €" if currency == "EUR" else f"{text} {currency}"


@register.filter
def rule_value(value, rule):
    """Show a rule's value as a person reads it."""
    if isinstance(value, dict):
        labels = getattr(rule, "part_labels", {})
        return ", ".join(
            f"{labels.get(part, part)} {weight} %" for part, weight in value.items()
        )
    if rule.unit == "cents":
        return cents(value)
    if rule.unit == "percent":
        return f"{value} %"
    if rule.unit == "days":
        from django.utils.translation import ngettext

        return ngettext("%(count)d day", "%(count)d days", value) % {"count": value}
    return str(value)


@register.simple_tag(takes_context=True)
def profile_section(context, section):
    """Render a `marketplace.profiles.sections.ProfileSection` with its own context."""
    template = context.template.engine.get_template(section.template)
    with context.push(**section.context):
        return template.render(context)


@register.filter
def language_names(codes):
    """["fr", "en"] -> "French, English" in the reader's language."""
    return ", ".join(form_fields.language_names(codes))


@register.filter
def country_name(code):
    """ "FR" -> "France" in the reader's language."""
    return countries.country_name(code)


@register.filter
def shown_to(member, viewer):
    """`{{ motion.author|shown_to:member }}`: a member's name as the viewer may see it
    (marketplace.identity: the alias of a pseudonymous expert not revealed to them)."""
    return identity.shown_name(member, viewer=viewer or None)
