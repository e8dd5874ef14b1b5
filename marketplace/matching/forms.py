"""The quick need of the matching page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MissionKind, RemotePreference
from ..profiles.forms import LANGUAGE_CHOICES


class MatchForm(forms.Form):
    """A quick need, to see who matches and why (companies; missions use real needs)."""

    skills = forms.CharField(
        label=_("Skills wanted (slug:weight, comma separated, weight 1 to 5)"),
        max_length=1000,
        help_text=_("For example: lean-management:5, quality-management:2"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget_max = forms.DecimalField(
        label=_("Budget: day rate at most (€)"),
        min_value=0,
        max_value=10_000,
        required=False,
    )
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=5, required=False
    )
    remote = forms.ChoiceField(
        label=_("Way of working"), choices=RemotePreference.choices
    )
    location = forms.CharField(label=_("City"), max_length=120, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of mission"),
        choices=[("", "—"), *MissionKind.choices],
        required=False,
    )
