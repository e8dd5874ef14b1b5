"""Forms of the missions pages: amounts typed in euros, stored in cents.

A person types an amount the way they write it ("1200", "1 200,50", "1200.50",
"1 200 €"); the form keeps integer cents through core.form_fields.EuroField,
which refuses anything else (a negative amount, a word, "1e9", an amount no
mission could reach) with a sentence that says what to type.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.form_fields import DateField, EuroField
from core.templatetags.ui import format_money
from marketplace.form_fields import LanguagesField, SkillMultipleChoiceField
from marketplace.selectors import skills_usable

from .models import Need, Proposal


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class NeedForm(forms.ModelForm):
    budget_min = EuroField(
        label=_("Budget from"),
        required=False,
        empty_value=0,
        help_text=_("In euros, for example 5 000."),
    )
    budget_max = EuroField(
        label=_("Budget up to"),
        required=False,
        empty_value=0,
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
    # the querysets are the skills this member may use: set in __init__
    skills_essential = SkillMultipleChoiceField(
        None,
        label=_("Essential skills"),
        help_text=_("Type to search a skill by its name."),
        required=False,
    )
    skills_useful = SkillMultipleChoiceField(
        None,
        label=_("Useful skills"),
        help_text=_("Welcome, but not required."),
        required=False,
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
            "proposals_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        field_classes = {"start_date": DateField}

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        usable = skills_usable(member=member)  # the field sorts them by name
        self.fields["skills_essential"].queryset = usable
        self.fields["skills_useful"].queryset = usable
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
    amount = EuroField(label=_("Amount"), positive=True)
    due_on = DateField(label=_("Due on"), required=False)


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
    total = EuroField(
        label=_("Total price"),
        required=False,
        empty_value=0,
        help_text=_("In euros, before tax."),
    )
    day_rate = EuroField(
        label=_("Day rate"),
        required=False,
        empty_value=0,
        help_text=_("In euros, before tax."),
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
        }
        field_classes = {"start_date": DateField}

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
                            "The milestones add up to %(sum)s but the total price "
                            "is %(total)s: make them equal, or remove the rows."
                        )
                        % {
                            "sum": format_money(total),
                            "total": format_money(self.cleaned_data.get("total")),
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
