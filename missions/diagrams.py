"""Mermaid diagrams of the state machines, read from the code's transitions."""

from django.apps import apps
from django_fsm import FSMField

SYSTEM = "system"


def _who(transition) -> str:
    permission = transition.permission
    name = getattr(permission, "__name__", "") if permission else ""
    return {
        "nobody": SYSTEM,
        "company_side": "company",
        "need_company_side": "company",
        "mission_company": "company",
        "proposal_author": "expert",
        "mission_expert": "expert",
        "mission_party": "either party",
        "mission_party_facing_request": "other party",
        "other_party": "other party",
        "dispute_party": "either party",
        "assigned_mediator": "mediator",
    }.get(name, "")


def machines() -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """[(model name, [(source, target, transition, who), ...])] for every FSM of missions."""
    found = []
    for model in apps.get_app_config("missions").get_models():
        for field in model._meta.fields:
            if not isinstance(field, FSMField):
                continue
            edges = []
            for transition in field.get_all_transitions(model):
                edges.append(
                    (
                        transition.source,
                        transition.target,
                        transition.name,
                        _who(transition),
                    )
                )
            edges.sort(
                key=lambda edge: (
                    list(field.choices).index(
                        next(c for c in field.choices if c[0] == edge[0])
                    ),
                    edge[2],
                )
            )
            found.append((model.__name__, field.default, edges))
    return found


def mermaid(name: str, initial: str, edges) -> str:
    lines = [
        "```mermaid",
        "stateDiagram-v2",
        f"    %% {name}",
        f"    [*] --> {initial}",
    ]
    for source, target, transition, who in edges:
        label = f"{transition} ({who})" if who else transition
        lines.append(f"    {source} --> {target}: {label}")
    lines.append("```")
    return "\n".join(lines)


def all_diagrams() -> str:
    parts = []
    for name, initial, edges in machines():
        parts.append(f"#### {name}\n\n{mermaid(name, initial, edges)}\n")
    return "\n".join(parts)
