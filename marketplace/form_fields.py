"""Form fields that speak the reader's terms: skills and
languages by name, countries by name. Models keep ISO codes and ids; these
fields convert, and refuse bad input with a message a person understands.
Amounts in euros and dates: core.form_fields (one field for every app).
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .countries import country_choices
from .services import LANGUAGE_CODES


class PickerMixin:
    """A searchable select (Tom Select, started by core/static/core/ui.js on
    select[data-picker]); without JavaScript it stays a native select. The
    field's <label> names the picker's search box (ui.js: labelPicker)."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["data-picker"] = ""
        return attrs


def _skill_lookup(queryset, value):
    """A skill of `queryset` by id, slug, or its French or English name."""
    text = str(value).strip()
    if not text:
        return None
    try:
        return queryset.filter(pk=uuid.UUID(text)).first()
    except ValueError:
        pass
    return queryset.filter(
        Q(slug=text) | Q(name_fr__iexact=text) | Q(name_en__iexact=text)
    ).first()


class _SkillsByName(ModelChoiceIterator):
    """Options sorted by name in the language of the page being rendered."""

    def __iter__(self):
        english = (get_language() or "fr").startswith("en")
        self.queryset = self.field.queryset.order_by(
            "name_en" if english else "name_fr"
        )
        yield from super().__iter__()


class SkillChoiceField(PickerMixin, forms.ModelChoiceField):
    """One skill, picked by its name in the reader's language (a searchable
    select); a name typed in French or English, or a slug, is accepted too."""

    default_error_messages = {
        "invalid_choice": _("Unknown skill: pick one from the list, or propose it."),
    }

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("empty_label", _("Choose a skill"))
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return obj.name

    iterator = _SkillsByName

    def to_python(self, value):
        if value in self.empty_values:
            return None
        skill = _skill_lookup(self.queryset, value)
        if skill is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return skill


class SkillMultipleChoiceField(PickerMixin, forms.ModelMultipleChoiceField):
    """Several skills, picked by name in the reader's language, searchable."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not a skill of the list."),
        "required": _("Pick at least one skill."),
    }

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return obj.name

    iterator = _SkillsByName

    def clean(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        skills = []
        for item in value:
            skill = _skill_lookup(self.queryset, item)
            if skill is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:60]},
                )
            if skill not in skills:
                skills.append(skill)
        return skills


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


def language_choices() -> list[tuple[str, str]]:
    """(code, name in the reader's language), French and English first."""
    return [(code, str(LANGUAGE_LABELS[code])) for code in LANGUAGE_CODES]


def language_names(codes) -> list[str]:
    return [str(LANGUAGE_LABELS.get(code, code)) for code in codes or ()]


class LanguagesField(PickerMixin, forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", language_choices)
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 6}))
        super().__init__(**kwargs)


class CountryField(PickerMixin, forms.ChoiceField):
    """A country picked by its name in the reader's language; cleaned to its ISO code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", country_choices)
        super().__init__(**kwargs)
