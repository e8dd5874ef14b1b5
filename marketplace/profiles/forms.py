"""Forms of the profile pages. They parse input; the services validate and write."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    Experience,
    ExpertSkill,
    MissionKind,
    Organization,
    RemotePreference,
)
from ..services import LANGUAGE_CODES, MAX_TAGS

LANGUAGE_LABELS = {
    "fr": _("French"),
    "en": _("English"),
    "de": _("German"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "nl": _("Dutch"),
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "pl": _("Polish"),
    "ro": _("Romanian"),
}
LANGUAGE_CHOICES = [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES]


def euros_to_cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).quantize(Decimal("1")))


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=160, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, required=False, widget=forms.Textarea
    )
    day_rate = forms.DecimalField(
        label=_("Day rate (€, before tax)"),
        required=False,
        min_value=0,
        max_value=10_000,
        decimal_places=2,
        error_messages={"min_value": _("The day rate cannot be negative.")},
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=5, initial=5
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, initial="FR")
    remote = forms.ChoiceField(
        label=_("Way of working"), choices=RemotePreference.choices
    )
    links = forms.CharField(
        label=_("Links (one per line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def to_changes(self) -> dict:
        data = self.cleaned_data
        return {
            "headline": data["headline"],
            "summary": data["summary"],
            "day_rate_cents": euros_to_cents(data["day_rate"]),
            "available_from": data["available_from"],
            "days_per_week": data["days_per_week"],
            "languages": data["languages"],
            "location": data["location"],
            "country": data["country"].upper(),
            "remote": data["remote"],
            "links": [line for line in data["links"].splitlines() if line.strip()],
        }

    @classmethod
    def initial_from(cls, profile) -> dict:
        return {
            "headline": profile.headline,
            "summary": profile.summary,
            "day_rate": (
                Decimal(profile.day_rate_cents) / 100
                if profile.day_rate_cents is not None
                else None
            ),
            "available_from": profile.available_from,
            "days_per_week": profile.days_per_week,
            "languages": profile.languages,
            "location": profile.location,
            "country": profile.country,
            "remote": profile.remote,
            "links": "\n".join(profile.links or ()),
        }


class PseudonymForm(forms.Form):
    pseudonymous = forms.BooleanField(
        label=_("Show me under an alias (pseudonymous mode)"), required=False
    )
    alias = forms.CharField(
        label=_("Alias"),
        max_length=80,
        required=False,
        help_text=_("For example: “Quality engineer, agri-food”. Not your real name."),
    )


class SkillForm(forms.Form):
    skill = forms.CharField(label=_("Skill"), max_length=64)
    level = forms.TypedChoiceField(
        label=_("Level"), choices=ExpertSkill.Level.choices, coerce=int
    )


class SkillProposalForm(forms.Form):
    name_fr = forms.CharField(label=_("Name in French"), max_length=120)
    name_en = forms.CharField(
        label=_("Name in English"), max_length=120, required=False
    )


class AppetenceForm(forms.Form):
    skill = forms.CharField(label=_("Skill"), max_length=64, required=False)
    mission_kind = forms.ChoiceField(
        label=_("Kind of mission"),
        choices=[("", "—"), *MissionKind.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ExperienceForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=Experience.Category.choices
    )
    title = forms.CharField(label=_("Title"), max_length=160)
    employer = forms.CharField(
        label=_("Employer or organization"),
        max_length=160,
        required=False,
        help_text=_("Hidden from others in pseudonymous mode."),
    )
    started_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    what = forms.CharField(
        label=_("What you did"), max_length=4000, required=False, widget=forms.Textarea
    )
    responsibilities = forms.CharField(
        label=_("Responsibilities"),
        max_length=4000,
        required=False,
        widget=forms.Textarea,
    )
    motivation = forms.CharField(
        label=_("What motivated you"),
        max_length=4000,
        required=False,
        widget=forms.Textarea,
    )
    tags = forms.CharField(
        label=_("Tags for a recruiter (comma separated)"),
        max_length=MAX_TAGS * 42,
        required=False,
    )

    def to_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["tags"] = [tag for tag in data["tags"].split(",") if tag.strip()]
        return data

    @classmethod
    def initial_from(cls, experience) -> dict:
        initial = {name: getattr(experience, name) for name in cls.base_fields}
        initial["tags"] = ", ".join(experience.tags or ())
        return initial


class OrganizationChoiceForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.order_by("name")
    )
    reason = forms.CharField(label=_("Why (optional)"), max_length=200, required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), max_length=200, required=False)
    skill = forms.CharField(label=_("Skill"), max_length=130, required=False)
    remote = forms.ChoiceField(
        label=_("Way of working"),
        choices=[("", _("Any")), *RemotePreference.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Speaks"), choices=[("", _("Any")), *LANGUAGE_CHOICES], required=False
    )
    max_rate = forms.DecimalField(
        label=_("Day rate at most (€)"), min_value=0, max_value=10_000, required=False
    )
    available_by = forms.DateField(
        label=_("Available by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
