"""The API's operations and the URL names stay what they were before issue 10.

Both lists were captured before the layout change (tests/fixtures/). An
operation or URL that appears, disappears or is renamed fails here with the
difference spelled out; when the change is meant, update the fixture in the
same commit and say why.
"""

import json
import re
from pathlib import Path

from django.urls import URLResolver, get_resolver
from drf_spectacular.settings import spectacular_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Admin pages follow their model's app label, so a model moved to another app
# moves its admin URLs and names: (old app, model) → new app, declared here.
ADMIN_MODELS_MOVED = {
    ("governance", "ruleversion"): "core",  # core.models.RuleVersion (issue 10)
}
ADMIN_APP_LIST = "app_list"


def api_operations() -> list[list[str]]:
    """Sorted [METHOD, path, operationId] of the schema served at /api/schema/."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    schema = generator.get_schema(request=None, public=True)
    return sorted(
        [method.upper(), path, operation["operationId"]]
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    )


def describe_operations(before: list[list[str]], now: list[list[str]]) -> str:
    old = {(method, path): op for method, path, op in before}
    new = {(method, path): op for method, path, op in now}
    lines = []
    for key in sorted(old.keys() | new.keys()):
        method, path = key
        if key not in new:
            lines.append(f"- gone:     {method} {path} ({old[key]})")
        elif key not in old:
            lines.append(f"+ new:      {method} {path} ({new[key]})")
        elif old[key] != new[key]:
            lines.append(f"~ renamed:  {method} {path}: {old[key]} -> {new[key]}")
    return "\n".join(lines)


def test_api_operations_are_those_from_before_the_layout_change():
    before = json.loads((FIXTURES / "api_operations.json").read_text())
    now = api_operations()
    assert now == before, "API operations changed:\n" + describe_operations(before, now)


def url_patterns(patterns=None, prefix: str = ""):
    """(full pattern, name) of every URL the project serves."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def moved(pattern: str, name: str) -> tuple[str, str]:
    """Where a model admin page from before lives now (itself if not moved)."""
    for (app, model), to in ADMIN_MODELS_MOVED.items():
        if pattern.startswith(f"admin/{app}/{model}/"):
            pattern = pattern.replace(f"admin/{app}/{model}/", f"admin/{to}/{model}/")
            name = name.replace(f"{app}_{model}_", f"{to}_{model}_", 1)
    return pattern, name


def app_labels(pattern: str) -> set[str]:
    """The app labels the admin's app index accepts, from its regex."""
    return set(re.search(r"\(\?P<app_label>([^)]*)\)", pattern).group(1).split("|"))


def test_every_url_name_from_before_still_resolves_to_the_same_pattern():
    before = [
        tuple(pair) for pair in json.loads((FIXTURES / "url_names.json").read_text())
    ]
    now = set(url_patterns())
    # the admin's app index lists the apps that have admin pages: it may grow
    (old_app_list,) = [p for p, name in before if name == ADMIN_APP_LIST]
    (new_app_list,) = [p for p, name in now if name == ADMIN_APP_LIST]
    assert app_labels(old_app_list) <= app_labels(new_app_list)
    missing = sorted(
        f"{name!r}: {pattern}"
        for pattern, name in before
        if name != ADMIN_APP_LIST and moved(pattern, name) not in now
    )
    assert not missing, "URL names gone or moved:\n" + "\n".join(missing)
