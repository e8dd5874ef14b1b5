"""Reads of governance shared by pages and the API."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from . import rules
from .models import RuleVersion


@dataclass
class RuleView:
    rule: rules.Rule
    value: Any
    versions: list[RuleVersion]

    @property
    def key(self) -> str:
        return self.rule.key


def rules_overview() -> list[RuleView]:
    """Every rule with its value now and its whole history, in one query."""
    now = timezone.now()
    by_key: dict[str, list[RuleVersion]] = {key: [] for key in rules.REGISTRY}
    for version in RuleVersion.objects.order_by("key", "effective_at"):
        by_key.setdefault(version.key, []).append(version)
    overview = []
    for key, definition in rules.REGISTRY.items():
        versions = by_key[key]
        in_force = [v for v in versions if v.effective_at <= now]
        value = in_force[-1].value if in_force else definition.default
        overview.append(RuleView(rule=definition, value=value, versions=versions))
    return overview
