"""Pages for matching: how it works (public), and experts for a quick need."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import rules

from .. import selectors
from ..pages import attach_errors, member_required
from . import forms as matching_forms
from .formula import PART_LABELS, PART_RULES, PARTS
from .ranking import current_weights, experts_for_need
from .specs import NeedSpec, need_spec_from

PAGE_SIZE = 20


def how_matching_works(request):
    """Public: the algorithm in words, the weights in force and their history."""
    weights = current_weights()
    history = [
        {
            "effective_at": version.effective_at,
            "value": version.value,
            "parts": [(name, version.value.get(name)) for name in PARTS],
            "labelled_parts": [
                (PART_LABELS[name], version.value.get(name)) for name in PARTS
            ],
        }
        for version in rules.history("matching.weights")
    ]
    parts = [
        {
            "name": name,
            "label": PART_LABELS[name],
            "rule": PART_RULES[name],
            "weight": weights[name],
        }
        for name in PARTS
    ]
    return render(
        request,
        "marketplace/how_matching_works.html",
        {"parts": parts, "history": history, "part_names": PARTS},
    )


@member_required
def match_experts(request):
    """Companies: describe a need quickly and see who matches, and why."""
    form = matching_forms.MatchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        try:
            need = _need_from_form(form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            results = experts_for_need(
                need,
                viewer_org=selectors.viewer_organization(request.member),
                viewer=request.member,
                limit=PAGE_SIZE,
            )
    return render(
        request,
        "marketplace/match.html",
        {
            "form": form,
            "results": results,
        },
    )


def _need_from_form(data) -> NeedSpec:
    try:
        return need_spec_from(
            id="form",
            skills=data["wanted"],
            languages=data["languages"],
            budget_max_cents=data["budget_max"],
            start=data["start"],
            days_per_week=data["days_per_week"],
            remote=data["remote"],
            location=data["location"],
            country=data["country"] or "FR",
            kind=data["kind"],
        )
    except ValueError:
        raise ValidationError(
            {"skill_1": _("Each skill's importance goes from 1 to 5.")}
        ) from None
