"""Forms of the governance pages. Validation of rule values is the registry's."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import rules

from . import indicators
from .models import Choice, Motion


def _rule_choices():
    return [("", "—")] + [
        (key, f"{rule.label} ({key})") for key, rule in rules.REGISTRY.items()
    ]


def parse_value(raw: str):
    """A value as typed in a form: a whole number, or JSON for weights."""
    raw = raw.strip()
    try:
        return json.loads(raw)
    except ValueError:
        raise ValidationError(
            _("Type a whole number, or for weights a JSON object such as %(example)s.")
            % {"example": '{"companies": 40, "experts": 40, "founders": 20}'}
        ) from None


def _message(error) -> str:
    return error.messages[0] if isinstance(error, ValidationError) else str(error)


class MotionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does it change?"), choices=Motion.Kind.choices
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea, max_length=10_000
    )
    rule = forms.ChoiceField(
        label=_("Rule to change"), required=False, choices=_rule_choices
    )
    value = forms.CharField(
        label=_("New value"),
        required=False,
        help_text=_("Cents for fees (9000 = 90 €); JSON for weights."),
    )
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    is_charter = forms.BooleanField(
        label=_("This text changes the charter"), required=False
    )
    review_on = forms.DateField(
        label=_("Review on (text motions)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "On this date the motion comes back for review with its indicator."
        ),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator to review"), required=False, choices=indicators.choices
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Motion.Kind.RULES:
            if not data.get("rule"):
                self.add_error("rule", _("Choose the rule to change."))
            else:
                try:
                    value = parse_value(data.get("value", ""))
                    data["changes"] = {
                        data["rule"]: rules.validate(data["rule"], value)
                    }
                except (ValidationError, rules.RuleError) as error:
                    self.add_error("value", _message(error))
        return data


class AmendmentForm(forms.Form):
    rationale = forms.CharField(label=_("Why this amendment?"), widget=forms.Textarea)
    rule = forms.ChoiceField(label=_("Rule"), required=False, choices=_rule_choices)
    value = forms.CharField(label=_("New value"), required=False)
    text = forms.CharField(
        label=_("New text of the motion"), required=False, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("rule"):
            try:
                value = parse_value(data.get("value", ""))
                data["changes"] = {data["rule"]: rules.validate(data["rule"], value)}
            except (ValidationError, rules.RuleError) as error:
                self.add_error("value", _message(error))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea, max_length=5000
    )


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect
    )
    receipt = forms.CharField(
        label=_("Your receipt code (only to change a ballot already cast)"),
        required=False,
        max_length=40,
    )


class ReceiptCheckForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt code"), max_length=40)
