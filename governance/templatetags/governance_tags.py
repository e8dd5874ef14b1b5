"""Template tags of governance: what a page says about a motion in sentences
(timeline lines, rule values in their own terms)."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import rules
from core.templatetags.ui import days, format_money
from marketplace import identity

register = template.Library()

# each audited step of a motion, as a sentence; %(who)s is the member who acted
_TIMELINE = {
    "motion.drafted": gettext_lazy("%(who)s drafted the motion."),
    "motion.edited": gettext_lazy("%(who)s edited the draft."),
    "motion.submitted": gettext_lazy("%(who)s opened the motion to deliberation."),
    "motion.sponsored": gettext_lazy("%(who)s co-sponsored the motion."),
    "motion.vote_opened": gettext_lazy("%(who)s put the motion to vote."),
    "motion.withdrawn": gettext_lazy("%(who)s withdrew the motion."),
    "motion.adopted": gettext_lazy("The vote closed: the motion is adopted."),
    "motion.rejected": gettext_lazy("The vote closed: the motion is not adopted."),
    "motion.scheduled": gettext_lazy("The change was scheduled to take effect."),
    "motion.enacted": gettext_lazy("The change took effect."),
}


@register.filter
def timeline_sentence(event, viewer=None) -> str:
    """One audited step of a motion as a sentence (never its action code); the
    actor named as `viewer` may see them (marketplace.identity)."""
    sentence = _TIMELINE.get(event.action)
    if sentence is None:
        return _("The motion changed.")
    member = getattr(event.actor, "member", None) if event.actor else None
    who = identity.shown_name(member, viewer=viewer or None) or _("The platform")
    return str(sentence) % {"who": who}


def rule_text(value, rule: rules.Rule) -> str:
    """A rule's value as a person reads it: "90,00 €", "14 jours", "20 %",
    "entreprises 40 %, experts 40 %, fondateurs et équipe 20 %"."""
    if value is None or rule is None:
        return ""
    if isinstance(value, dict):
        labels = getattr(rule, "part_labels", {})
        return ", ".join(
            _("%(part)s %(weight)s %%") % {"part": labels.get(part, part), "weight": w}
            for part, w in value.items()
        )
    if rule.unit == "cents":
        return format_money(value)
    if rule.unit == "percent":
        return _("%(value)s %%") % {"value": value}
    if rule.unit == "days":
        return days(value)
    return str(value)


@register.filter(name="rule_text")
def rule_text_filter(value, rule) -> str:
    """``{{ item.value|rule_text:item.rule }}``."""
    return rule_text(value, rule)


@register.filter
def rule_label(key: str) -> str:
    definition = rules.REGISTRY.get(key)
    return str(definition.label) if definition else _("A rule that no longer exists")


@register.filter
def rule_shown(value, key: str) -> str:
    """A rule value, by key, as a person reads it (euros, days, percent)."""
    return rule_text(value, rules.REGISTRY.get(key))
