"""Forms of the profile pages. They parse input; the services validate and write."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.form_fields import DateField, EuroField

from ..form_fields import (
    CountryField,
    LanguagesField,
    SkillChoiceField,
    SkillMultipleChoiceField,
    language_choices,
)
from ..models import (
    Experience,
    ExpertSkill,
    MissionKind,
    Organization,
    RemotePreference,
    Skill,
)
from ..services import MAX_TAGS


def usable_skills(member=None):
    """Approved skills, plus those `member` proposed (what a picker offers)."""
    usable = Q(status=Skill.Status.APPROVED)
    if member is not None:
        usable |= Q(proposed_by=member)
    return Skill.objects.filter(usable, merged_into__isnull=True)


def euros_to_cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).quantize(Decimal("1")))


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=160, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, required=False, widget=forms.Textarea
    )
    day_rate = EuroField(
        label=_("Day rate in euros, before tax"),
        help_text=_(
            "For example 650 or 650,50. Leave empty to discuss it case by case."
        ),
        required=False,
        max_euros=10_000,
        error_messages={"negative": _("The day rate cannot be negative.")},
    )
    available_from = DateField(
        label=_("Available from"),
        required=False,
    )
    days_per_week = forms.IntegerField(
        label=_("Days per week"),
        min_value=1,
        max_value=5,
        initial=5,
        error_messages={
            "min_value": _("From 1 to 5 days a week."),
            "max_value": _("From 1 to 5 days a week."),
        },
    )
    languages = LanguagesField(
        label=_("Languages you work in"),
        help_text=_("Type to search; pick as many as you need."),
        required=False,
    )
    location = forms.CharField(label=_("City"), max_length=120, required=False)
    country = CountryField(label=_("Country"), initial="FR")
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
            "day_rate_cents": data["day_rate"],
            "available_from": data["available_from"],
            "days_per_week": data["days_per_week"],
            "languages": data["languages"],
            "location": data["location"],
            "country": data["country"],
            "remote": data["remote"],
            "links": [line for line in data["links"].splitlines() if line.strip()],
        }

    @classmethod
    def initial_from(cls, profile) -> dict:
        return {
            "headline": profile.headline,
            "summary": profile.summary,
            "day_rate": profile.day_rate_cents,
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
    """One skill's level (a row of the skills table, or a skill typed by name)."""

    skill = SkillChoiceField(usable_skills(), label=_("Skill"))
    level = forms.TypedChoiceField(
        label=_("Level"), choices=ExpertSkill.Level.choices, coerce=int
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = usable_skills(member)


class SkillsAddForm(forms.Form):
    """Several skills at once, picked by name, at one level."""

    skills = SkillMultipleChoiceField(
        usable_skills(),
        label=_("Skills to add"),
        help_text=_("Type a few letters of the skill's name to find it."),
    )
    level = forms.TypedChoiceField(
        label=_("Your level in them"),
        choices=ExpertSkill.Level.choices,
        coerce=int,
        initial=ExpertSkill.Level.choices[1][0],
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = usable_skills(member)


class SkillProposalForm(forms.Form):
    name_fr = forms.CharField(label=_("Name in French"), max_length=120)
    name_en = forms.CharField(
        label=_("Name in English"), max_length=120, required=False
    )


class AppetenceForm(forms.Form):
    skill = SkillChoiceField(
        usable_skills(), label=_("A skill you want to use"), required=False
    )
    mission_kind = forms.ChoiceField(
        label=_("Kind of mission"),
        choices=[("", _("Any kind")), *MissionKind.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = usable_skills(member)

    def clean(self):
        data = super().clean()
        if not data.get("skill") and not data.get("mission_kind"):
            raise forms.ValidationError(
                _("Choose a skill, a kind of mission, or both.")
            )
        return data


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
    started_on = DateField(label=_("From"), required=False)
    ended_on = DateField(
        label=_("Until"),
        help_text=_("Leave empty if it goes on."),
        required=False,
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
        label=_("Key words for a recruiter"),
        help_text=_("Separated by commas, for example: HACCP, team lead, dairy."),
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


def _any_language():
    return [("", _("Any language")), *language_choices()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Keywords"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    skill = SkillChoiceField(usable_skills(), label=_("Skill"), required=False)
    remote = forms.ChoiceField(
        label=_("Way of working"),
        choices=[("", _("Any")), *RemotePreference.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Speaks"), choices=_any_language, required=False
    )
    max_rate = EuroField(
        label=_("Day rate at most, in euros"), required=False, max_euros=10_000
    )
    available_by = DateField(label=_("Available by"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].empty_label = _("Any skill")
