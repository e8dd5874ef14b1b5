"""Forms of the missions pages: amounts typed in euros, stored in cents."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.selectors import skills_usable

from .models import Need, Proposal


class EurosField(forms.DecimalField):
    """Euros on screen, integer cents in cleaned_data."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(max_digits=12, decimal_places=2, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return Decimal(value) / 100
        return value

    def clean(self, value):
        amount = super().clean(value)
        return 0 if amount is None else int(amount * 100)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class NeedForm(forms.ModelForm):
    budget_min = EurosField(label=_("Budget from (€)"), required=False)
    budget_max = EurosField(label=_("Budget up to (€)"), required=False)
    languages_text = forms.CharField(
        label=_("Languages (codes, comma separated)"), required=False, initial="fr"
    )
    questions_text = forms.CharField(
        label=_("Screening questions (one per line)"),
        required=False,
        widget=forms.Textarea,
    )
    skills_essential = forms.ModelMultipleChoiceField(
        label=_("Essential skills"), queryset=None, required=False
    )
    skills_useful = forms.ModelMultipleChoiceField(
        label=_("Useful skills"), queryset=None, required=False
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
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "proposals_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        usable = skills_usable(member=member)
        self.fields["skills_essential"].queryset = usable
        self.fields["skills_useful"].queryset = usable
        if self.instance.pk:
            lines = list(self.instance.skills.all())
            self.initial["skills_essential"] = [
                x.skill_id for x in lines if x.weight >= 4
            ]
            self.initial["skills_useful"] = [x.skill_id for x in lines if x.weight < 4]
            self.initial["budget_min"] = self.instance.budget_min_cents
            self.initial["budget_max"] = self.instance.budget_max_cents
            self.initial["languages_text"] = ", ".join(self.instance.languages)
            self.initial["questions_text"] = "\n".join(
                self.instance.screening_questions
            )

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["budget_min_cents"] = self.cleaned_data["budget_min"]
        data["budget_max_cents"] = self.cleaned_data["budget_max"]
        data["languages"] = [
            code.strip()
            for code in self.cleaned_data["languages_text"].split(",")
            if code.strip()
        ]
        skills = {skill.pk: 2 for skill in self.cleaned_data["skills_useful"]}
        skills.update({skill.pk: 5 for skill in self.cleaned_data["skills_essential"]})
        data["skills"] = skills
        data["screening_questions"] = [
            line.strip()
            for line in self.cleaned_data["questions_text"].splitlines()
            if line.strip()
        ]
        return data


class ProposalForm(forms.ModelForm):
    total = EurosField(label=_("Total price (€)"), required=False)
    day_rate = EurosField(label=_("Day rate (€)"), required=False)
    milestones_text = forms.CharField(
        label=_("Milestones (one per line: title; amount in €)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = forms.FileField(
        label=_("Attachments"),
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
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.need = need
        for index, question in enumerate(need.screening_questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
            if self.instance.pk and index < len(self.instance.answers):
                self.initial[f"answer_{index}"] = self.instance.answers[index]
        if self.instance.pk:
            self.initial["total"] = self.instance.total_cents
            self.initial["day_rate"] = self.instance.day_rate_cents
            self.initial["milestones_text"] = "\n".join(
                f"{item['title']}; {Decimal(item['amount_cents']) / 100}"
                for item in self.instance.milestones
            )
        if need.contract_type == Need.ContractType.FIXED:
            del self.fields["day_rate"], self.fields["estimated_days"]
        else:
            del self.fields["total"], self.fields["milestones_text"]

    def clean_milestones_text(self):
        items = []
        for line in self.cleaned_data.get("milestones_text", "").splitlines():
            if not line.strip():
                continue
            title, _sep, amount = line.rpartition(";")
            try:
                cents = int(Decimal(amount.strip().replace(",", ".")) * 100)
            except ArithmeticError:
                cents = 0
            if not title.strip() or cents <= 0:
                raise forms.ValidationError(_("Write each milestone as: title; amount"))
            items.append({"title": title.strip(), "amount_cents": cents})
        return items

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["estimated_days"] = data.get("estimated_days") or 0
        data["total_cents"] = self.cleaned_data.get("total", 0) or 0
        data["day_rate_cents"] = self.cleaned_data.get("day_rate", 0) or 0
        data["milestones"] = self.cleaned_data.get("milestones_text", []) or []
        data["answers"] = [
            self.cleaned_data.get(f"answer_{index}", "")
            for index in range(len(self.need.screening_questions))
        ]
        return data
