"""Forms of the governance pages.

A rule's new value is typed in the rule's own terms: euros for fees (stored in
cents), days, percent, or one number per part for weights that must add up to
100. The registry (`core.rules`) stays the last word on bounds; the form says
the same thing first, in words that name the rule by its label, never its key.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import rules
from core.form_fields import DateField, EuroField

from . import indicators
from .models import Choice, Motion
from .templatetags.governance_tags import rule_text

UNIT_HINTS = {
    "cents": _("in euros"),
    "days": _("in days"),
    "percent": _("in percent"),
}


def value_field_name(key: str, part: str = "") -> str:
    """The form field of a rule's value (one per part for weights)."""
    name = "value__" + key.replace(".", "__")
    return f"{name}__{part}" if part else name


def _rule_choices():
    return [("", _("Choose a rule"))] + [
        (key, rule.label) for key, rule in rules.REGISTRY.items()
    ]


def _shown(rule: rules.Rule, value) -> str:
    """A bound of `rule` as a person reads it (euros, days, percent)."""
    return rule_text(value, rule)


class RuleValueFields:
    """Adds, for each rule key, the inputs of its value in the rule's terms.

    `self.rule_groups` lists, per rule: the rule, its current value and the
    bound fields, for the template to draw one fieldset each.
    """

    def add_rule_fields(self, keys: list[str], initial: dict | None = None) -> None:
        current = rules.get_many(keys)
        initial = initial or {}
        self.rule_groups = []
        for key in keys:
            rule = rules.REGISTRY[key]
            names = []
            if isinstance(rule, rules.WeightsRule):
                for part in rule.parts:
                    name = value_field_name(key, part)
                    self.fields[name] = forms.IntegerField(
                        label=rule.part_labels.get(part, part),
                        required=False,
                        widget=forms.NumberInput(
                            attrs={
                                "min": rule.minimum,
                                "max": rule.maximum,
                                "step": 1,
                                "inputmode": "numeric",
                                "data-weight-of": key,
                            }
                        ),
                    )
                    # start from the weights in force: one moves some, total 100
                    start = initial.get(key) or current[key]
                    self.initial[name] = start.get(part)
                    names.append(name)
            else:
                name = value_field_name(key)
                if rule.unit == "cents":
                    field = EuroField(required=False)
                    if key in initial:
                        self.initial[name] = initial[key]
                else:
                    field = forms.IntegerField(
                        required=False,
                        widget=forms.NumberInput(
                            attrs={
                                "min": rule.minimum,
                                "max": rule.maximum,
                                "step": 1,
                                "inputmode": "numeric",
                            }
                        ),
                    )
                    if key in initial:
                        self.initial[name] = initial[key]
                hint = UNIT_HINTS.get(rule.unit)
                field.label = (
                    gettext("%(rule)s, %(unit)s") % {"rule": rule.label, "unit": hint}
                    if hint
                    else rule.label
                )
                field.help_text = gettext("Now: %(value)s.") % {
                    "value": _shown(rule, current[key])
                }
                self.fields[name] = field
                names.append(name)
            self.rule_groups.append(
                {
                    "key": key,
                    "rule": rule,
                    "current": current[key],
                    "fields": [self[name] for name in names],
                    "is_weights": isinstance(rule, rules.WeightsRule),
                }
            )

    def rule_value_clean(self, key: str, *, required: bool = True):
        """The value typed for `key`, in the registry's terms (cents for fees), or
        None with errors added to the fields. None too when nothing was typed and
        the value is optional."""
        rule = rules.REGISTRY[key]
        data = self.cleaned_data
        if isinstance(rule, rules.WeightsRule):
            names = {part: value_field_name(key, part) for part in rule.parts}
            if any(name in self.errors for name in names.values()):
                return None
            typed = {part: data.get(name) for part, name in names.items()}
            if all(weight is None for weight in typed.values()) and not required:
                return None
            value = {}
            for part, weight in typed.items():
                label = rule.part_labels.get(part, part)
                if weight is None:
                    self.add_error(
                        names[part],
                        gettext("Type the weight of “%(part)s”, in percent.")
                        % {"part": label},
                    )
                elif not rule.minimum <= weight <= rule.maximum:
                    self.add_error(
                        names[part],
                        gettext(
                            "The weight of “%(part)s” must be between %(min)s %% and "
                            "%(max)s %%."
                        )
                        % {"part": label, "min": rule.minimum, "max": rule.maximum},
                    )
                value[part] = weight
            if any(name in self.errors for name in names.values()):
                return None
            total = sum(value.values())
            if total != 100:
                self.add_error(
                    names[rule.parts[0]],
                    gettext(
                        "The weights add up to %(total)s %%: they must add up to "
                        "exactly 100 %%."
                    )
                    % {"total": total},
                )
                return None
            return self._registry_check(key, value, names[rule.parts[0]])
        name = value_field_name(key)
        if name in self.errors:
            return None
        typed = data.get(name)
        if typed is None:
            if required:
                self.add_error(
                    name,
                    gettext("Type the new value of “%(rule)s”.") % {"rule": rule.label},
                )
            return None
        value = typed  # cents already, for a fee: EuroField cleans to cents
        low, high = rule.minimum, rule.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            self.add_error(
                name,
                gettext("Type a value between %(min)s and %(max)s.")
                % {"min": _shown(rule, low), "max": _shown(rule, high)},
            )
            return None
        return self._registry_check(key, value, name)

    def _registry_check(self, key: str, value, field: str):
        rule = rules.REGISTRY[key]
        try:
            return rules.validate(key, value)
        except rules.RuleError as error:
            # the registry's message names the key: name the rule instead
            self.add_error(field, str(error).replace(key, str(rule.label)))
            return None


def change_sentence(key: str, current, new) -> str:
    """“Yearly membership of an expert” goes from 120,00 € to 90,00 €."""
    rule = rules.REGISTRY[key]
    return gettext("“%(rule)s” goes from %(current)s to %(new)s.") % {
        "rule": rule.label,
        "current": rule_text(current, rule),
        "new": rule_text(new, rule),
    }


class MotionForm(RuleValueFields, forms.Form):
    kind = forms.ChoiceField(
        label=_("What does it change?"),
        choices=Motion.Kind.choices,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("One sentence that says what changes."),
    )
    rationale = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("What it will improve, and for whom."),
    )
    rule = forms.ChoiceField(
        label=_("Rule to change"), required=False, choices=_rule_choices
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    is_charter = forms.BooleanField(
        label=_("This text changes the charter"), required=False
    )
    review_on = DateField(
        label=_("Review on"),
        required=False,
        help_text=_(
            "Optional, for texts: on this date the motion comes back for review "
            "with its indicator."
        ),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator to review"), required=False, choices=indicators.choices
    )

    def __init__(self, *args, changes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_rule_fields(list(rules.REGISTRY), initial=changes)

    def selected_rule(self) -> str:
        """The rule chosen (bound or initial), for the template to show its inputs."""
        value = self["rule"].value()
        return value if value in rules.REGISTRY else ""

    def clean(self):
        data = super().clean()
        if data.get("kind") == Motion.Kind.RULES:
            key = data.get("rule")
            if not key:
                self.add_error("rule", gettext("Choose the rule to change."))
            else:
                value = self.rule_value_clean(key)
                if value is not None:
                    data["changes"] = {key: value}
        return data

    def preview(self) -> list[str]:
        """What the motion would change, in sentences, for the check step."""
        changes = self.cleaned_data.get("changes") or {}
        now = rules.get_many(list(changes))
        return [change_sentence(key, now[key], new) for key, new in changes.items()]


class AmendmentForm(RuleValueFields, forms.Form):
    rationale = forms.CharField(
        label=_("Why this amendment?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    text = forms.CharField(
        label=_("New text of the motion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, changes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        changes = changes or {}
        self.keys = [key for key in changes if key in rules.REGISTRY]
        # weights start from the motion's proposal; other values are typed anew
        self.add_rule_fields(self.keys, initial=changes)

    def clean(self):
        data = super().clean()
        changes = {}
        for key in self.keys:
            value = self.rule_value_clean(key, required=False)
            if value is not None:
                changes[key] = value
        if changes:
            data["changes"] = changes
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=Choice.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("Only to change a ballot you already cast."),
        required=False,
        max_length=40,
    )


class ReceiptCheckForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt code"), max_length=40)
