"""The quick need of the matching page: skills picked by name, each with how
much it matters, and the need's conditions in the reader's terms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.form_fields import DateField, EuroField

from ..form_fields import (
    CountryField,
    LanguagesField,
    SkillChoiceField,
)
from ..models import MissionKind, RemotePreference
from ..profiles.forms import usable_skills

SKILL_ROWS = 5
WEIGHT_CHOICES = [
    (5, pgettext_lazy("importance of a skill", "Essential")),
    (4, pgettext_lazy("importance of a skill", "Very important")),
    (3, pgettext_lazy("importance of a skill", "Important")),
    (2, pgettext_lazy("importance of a skill", "Useful")),
    (1, pgettext_lazy("importance of a skill", "Nice to have")),
]


class MatchForm(forms.Form):
    """A quick need, to see who matches and why (companies; missions use real needs)."""

    languages = LanguagesField(label=_("Languages"), required=False)
    budget_max = EuroField(
        label=_("Day rate at most, in euros"), required=False, max_euros=10_000
    )
    start = DateField(label=_("Start"), required=False)
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=5, required=False
    )
    remote = forms.ChoiceField(
        label=_("Way of working"), choices=RemotePreference.choices
    )
    location = forms.CharField(label=_("City"), max_length=120, required=False)
    country = CountryField(label=_("Country"), initial="FR", required=False)
    kind = forms.ChoiceField(
        label=_("Kind of mission"),
        choices=[("", _("Any kind")), *MissionKind.choices],
        required=False,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # what a person left alone keeps its shown default
            data = data.copy()
            for row in range(1, SKILL_ROWS + 1):
                data.setdefault(f"weight_{row}", "3")
            data.setdefault("country", "FR")
        super().__init__(data, *args, **kwargs)
        skill_fields = {}
        for row in range(1, SKILL_ROWS + 1):
            skill_fields[f"skill_{row}"] = SkillChoiceField(
                usable_skills(),
                label=_("Skill %(number)s") % {"number": row},
                required=False,
            )
            skill_fields[f"weight_{row}"] = forms.TypedChoiceField(
                label=_("Importance"),
                choices=WEIGHT_CHOICES,
                coerce=int,
                initial=3,
                required=False,
                widget=forms.Select(
                    attrs={
                        "aria-label": _("How much skill %(number)s matters")
                        % {"number": row}
                    }
                ),
            )
        # skills first: they are what the need is about
        self.fields = {**skill_fields, **self.fields}

    @property
    def skill_rows(self):
        """[(skill bound field, weight bound field)] for the template."""
        return [
            (self[f"skill_{row}"], self[f"weight_{row}"])
            for row in range(1, SKILL_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        wanted = {}
        for row in range(1, SKILL_ROWS + 1):
            skill = data.get(f"skill_{row}")
            if skill is not None:
                wanted[str(skill.pk)] = max(
                    wanted.get(str(skill.pk), 0), data.get(f"weight_{row}") or 3
                )
        if not wanted and not self.errors.get("skill_1"):
            self.add_error("skill_1", _("Pick at least one skill."))
        data["wanted"] = wanted
        return data
