"""The dashboard as a page of next steps: what each app says the member should do.

Each app writes ``<app>/dashboard.py`` with a provider
``dashboard_items(request, member) -> Iterable[DashboardItem]`` and registers
it (``dashboard.register(dashboard_items)``) when its AppConfig.ready imports
the module. config's dashboard view gathers them with ``items_for``.

Two kinds of item:

- ``STEP``: one step of the onboarding checklist of the member's community
  (profile, membership, first need or first proposal), ``done`` or not. The
  checklist is hidden once every step is done.
- ``WAITING``: something waiting for the member, with a ``count`` (decisions
  to take, deliveries to review, unread messages, votes open...). Only items
  with a count above zero are shown.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest

STEP = "step"
WAITING = "waiting"


@dataclass(frozen=True)
class DashboardItem:
    """One line of the dashboard.

    ``label`` is already translated (with its plural chosen for ``count``);
    ``hint`` is an optional sentence under it; ``priority`` orders items
    (smaller first).
    """

    kind: str
    label: str
    url: str
    count: int = 0
    icon: str = ""
    priority: int = 100
    done: bool = False
    hint: str = ""


@dataclass
class Dashboard:
    steps: list[DashboardItem] = field(default_factory=list)
    waiting: list[DashboardItem] = field(default_factory=list)

    @property
    def steps_done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def checklist_complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def show_checklist(self) -> bool:
        return bool(self.steps) and not self.checklist_complete

    @property
    def waiting_total(self) -> int:
        return sum(item.count for item in self.waiting)


Provider = Callable[[HttpRequest, object], Iterable[DashboardItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add an app's provider (idempotent)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def items_for(request: HttpRequest, member) -> Dashboard:
    """Every provider's items for this member, sorted; waiting items with a count."""
    items = [item for provider in _providers for item in provider(request, member)]
    items.sort(key=lambda item: (item.priority, str(item.label)))
    return Dashboard(
        steps=[item for item in items if item.kind == STEP],
        waiting=[item for item in items if item.kind == WAITING and item.count > 0],
    )
