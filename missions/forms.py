"""Forms of the missions pages: amounts typed in euros, stored in cents.

A person types an amount the way they write it ("1200", "1 200,50", "1200.50",
"1 200 €"); the form keeps integer cents. Anything else (a negative amount, a
word, "1e9", an amount no mission could reach) is refused with a sentence that
says what to type, and nothing is saved.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.form_fields import LanguagesField
from marketplace.selectors import skills_usable

from .models import Need, Proposal

# no mission on the platform comes near this: a larger figure is a typing slip
MAX_EUROS = 10_000_000
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_euros(text: str) -> int | None:
    """Cents for an amount typed in euros; None when nothing is typed.

    The last "," or "." followed by one or two digits is the decimal mark;
    spaces, and dots between groups of three digits, separate thousands.
    """
    raw = _SPACES.sub("", str(text or "")).replace("€", "")
    raw = re.sub(r"(?i)eur(os?)?$", "", raw)
    if not raw:
        return None
    if raw.startswith(("-", "\u2212")):
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    marks = [i for i, char in enumerate(raw) if char in ",."]
    if marks:
        last = marks[-1]
        whole, tail = raw[:last], raw[last + 1 :]
        if len(tail) == 3 and raw[last] == "." and _GROUPED.match(raw):
            whole, tail = raw, ""  # 1.200.000: dots between thousands
        elif any(char in ",." for char in whole) and (
            raw[last] in whole or not _GROUPED.match(whole.replace(",", "."))
        ):
            whole = "?"  # 1,2,3 or 1.2,5: not a number anyone writes
        raw = whole.replace(",", "").replace(".", "") + ("." + tail if tail else "")
    if not _PLAIN.match(raw):
        raise ValidationError(
            _("Type an amount in euros, such as 1 200 or 1 200,50."), code="invalid"
        )
    amount = Decimal(raw)
    if amount > MAX_EUROS:
        raise ValidationError(
            _("This amount is too large: type at most 10 000 000 €."), code="max"
        )
    return int(amount * 100)


def format_euros(cents: int | None) -> str:
    """Cents as a person would type them back ("1200,50" in French, "1200.50")."""
    if not cents:
        return ""
    euros, rest = divmod(int(cents), 100)
    if not rest:
        return str(euros)
    mark = "." if (get_language() or "fr").startswith("en") else ","
    return f"{euros}{mark}{rest:02d}"


class EurosField(forms.CharField):
    """Euros on screen, integer cents in cleaned_data (0 when left empty)."""

    def __init__(self, *, positive=False, **kwargs):
        self.positive = positive
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 12})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_euros(value)
        return value

    def clean(self, value):
        cents = parse_euros(super().to_python(value))
        if cents is None:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return 0
        if self.positive and cents <= 0:
            raise ValidationError(_("Type an amount above zero."), code="min_value")
        return cents


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _picker(**attrs) -> forms.SelectMultiple:
    """A multiple select the foundation's script turns into a searchable picker."""
    return forms.SelectMultiple(attrs={"data-picker": "", **attrs})


class SkillChoiceField(forms.ModelMultipleChoiceField):
    """Skills shown by their name in the reader's language."""

    def label_from_instance(self, obj):
        return obj.name


class NeedForm(forms.ModelForm):
    budget_min = EurosField(
        label=_("Budget from"),
        required=False,
        help_text=_("In euros, for example 5 000."),
    )
    budget_max = EurosField(
        label=_("Budget up to"),
        required=False,
        help_text=_("In euros, for example 15 000."),
    )
    languages = LanguagesField(
        label=_("Working languages"), required=False, initial=["fr"]
    )
    questions_text = forms.CharField(
        label=_("Questions for the experts"),
        help_text=_("One question per line; each expert answers them in a proposal."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    skills_essential = SkillChoiceField(
        label=_("Essential skills"),
        help_text=_("Type to search a skill by its name."),
        queryset=None,
        required=False,
        widget=_picker(),
    )
    skills_useful = SkillChoiceField(
        label=_("Useful skills"),
        help_text=_("Welcome, but not required."),
        queryset=None,
        required=False,
        widget=_picker(),
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "context",
            "deliverables",
            "place",
            "location",
            "start_date",
            "duration_days",
            "contract_type",
            "proposals_deadline",
            "visibility",
        ]
        labels = {
            "title": _("Title"),
            "context": _("Context"),
            "deliverables": _("Expected deliverables"),
            "place": _("Where the work happens"),
            "location": _("Town or region"),
            "start_date": _("Start"),
            "duration_days": _("Duration in days"),
            "contract_type": _("Kind of contract"),
            "proposals_deadline": _("Proposals until"),
            "visibility": _("Who can see it"),
        }
        widgets = {
            "context": forms.Textarea(attrs={"rows": 5}),
            "deliverables": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "proposals_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        by_name = "name_en" if (get_language() or "fr").startswith("en") else "name_fr"
        usable = skills_usable(member=member).order_by(by_name)
        self.fields["skills_essential"].queryset = usable
        self.fields["skills_useful"].queryset = usable
        for name in ("skills_essential", "skills_useful", "languages"):
            # the picker moves the <label> to its search box: the hidden select
            # keeps its own name for assistive technologies
            self.fields[name].widget.attrs["aria-label"] = str(self.fields[name].label)
        for name in ("place", "contract_type", "visibility"):
            field = self.fields[name]
            field.choices = [(value, capfirst(label)) for value, label in field.choices]
        if self.instance.pk:
            lines = list(self.instance.skills.all())
            self.initial["skills_essential"] = [
                x.skill_id for x in lines if x.weight >= 4
            ]
            self.initial["skills_useful"] = [x.skill_id for x in lines if x.weight < 4]
            self.initial["budget_min"] = self.instance.budget_min_cents
            self.initial["budget_max"] = self.instance.budget_max_cents
            self.initial["languages"] = self.instance.language_codes
            self.initial["questions_text"] = "\n".join(self.instance.questions)
        else:
            self.initial["languages"] = ["fr"]

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low and high and high < low:
            self.add_error(
                "budget_max", _("The budget's top cannot be below its bottom.")
            )
        return data

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["budget_min_cents"] = self.cleaned_data["budget_min"]
        data["budget_max_cents"] = self.cleaned_data["budget_max"]
        data["languages"] = list(self.cleaned_data["languages"])
        skills = {skill.pk: 2 for skill in self.cleaned_data["skills_useful"]}
        skills.update({skill.pk: 5 for skill in self.cleaned_data["skills_essential"]})
        data["skills"] = skills
        data["screening_questions"] = [
            line.strip()
            for line in self.cleaned_data["questions_text"].splitlines()
            if line.strip()
        ]
        return data


class MilestoneForm(forms.Form):
    """One row of a proposal's milestones: a title, an amount, maybe a date."""

    title = forms.CharField(label=_("Milestone"), max_length=200)
    amount = EurosField(label=_("Amount"), positive=True)
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class BaseMilestoneFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")

    def items(self) -> list[dict]:
        found = []
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            item = {
                "title": form.cleaned_data["title"].strip(),
                "amount_cents": form.cleaned_data["amount"],
            }
            if form.cleaned_data.get("due_on"):
                item["due_on"] = form.cleaned_data["due_on"].isoformat()
            found.append(item)
        return found


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=3,
    can_delete=True,
    max_num=20,
    validate_max=True,
    # never build more rows than that, whatever TOTAL_FORMS says (Django's
    # default allows 1 000 more, which took seconds per request to render)
    absolute_max=20,
)


class ProposalForm(forms.ModelForm):
    total = EurosField(
        label=_("Total price"), required=False, help_text=_("In euros, before tax.")
    )
    day_rate = EurosField(
        label=_("Day rate"), required=False, help_text=_("In euros, before tax.")
    )
    attachments = forms.FileField(
        label=_("Attachments"),
        help_text=_("PDF, images, office documents, zip or text; 10 MB each at most."),
        required=False,
        widget=MultipleFileInput(),
    )

    class Meta:
        model = Proposal
        fields = [
            "approach",
            "estimated_days",
            "start_date",
            "duration_days",
            "reveal_identity",
        ]
        labels = {
            "approach": _("Your approach"),
            "estimated_days": _("Number of days"),
            "start_date": _("You can start on"),
            "duration_days": _("Duration in days"),
            "reveal_identity": _("Show my name to the company now"),
        }
        widgets = {
            "approach": forms.Textarea(attrs={"rows": 6}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.need = need
        for index, question in enumerate(need.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
            if self.instance.pk and index < len(self.instance.answers):
                self.initial[f"answer_{index}"] = self.instance.answers[index]
        if self.instance.pk:
            self.initial["total"] = self.instance.total_cents
            self.initial["day_rate"] = self.instance.day_rate_cents
        self.milestones = None
        if need.contract_type == Need.ContractType.FIXED:
            del self.fields["day_rate"], self.fields["estimated_days"]
            self.fields["total"].required = True
            rows = [
                {
                    "title": item["title"],
                    "amount": item["amount_cents"],
                    "due_on": item.get("due_on"),
                }
                for item in (self.instance.milestones if self.instance.pk else [])
            ]
            self.milestones = MilestoneFormSet(
                self.data if self.is_bound else None,
                prefix="milestones",
                initial=rows or None,
            )
        else:
            del self.fields["total"]
            self.fields["day_rate"].required = True

    def is_valid(self):
        valid = super().is_valid()
        if self.milestones is not None:
            valid = self.milestones.is_valid() and valid
            if valid:
                items = self.milestones.items()
                total = sum(item["amount_cents"] for item in items)
                if items and total != self.cleaned_data.get("total"):
                    self.add_error(
                        None,
                        _(
                            "The milestones add up to %(sum)s € but the total price "
                            "is %(total)s €: make them equal, or remove the rows."
                        )
                        % {
                            "sum": format_euros(total) or "0",
                            "total": format_euros(self.cleaned_data.get("total"))
                            or "0",
                        },
                    )
                    valid = False
        return valid

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["estimated_days"] = data.get("estimated_days") or 0
        data["total_cents"] = self.cleaned_data.get("total", 0) or 0
        data["day_rate_cents"] = self.cleaned_data.get("day_rate", 0) or 0
        data["milestones"] = self.milestones.items() if self.milestones else []
        data["answers"] = [
            self.cleaned_data.get(f"answer_{index}", "")
            for index in range(len(self.need.questions))
        ]
        return data
