"""Public pages of governance: the platform's rules and their history."""

from django.http import Http404
from django.shortcuts import render

from . import rules
from .selectors import rules_overview


def rule_list(request):
    return render(request, "governance/rule_list.html", {"rules": rules_overview()})


def rule_detail(request, key):
    if key not in rules.REGISTRY:
        raise Http404
    view = next(item for item in rules_overview() if item.key == key)
    return render(request, "governance/rule_detail.html", {"item": view})
