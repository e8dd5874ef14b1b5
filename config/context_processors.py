"""What the layout needs on every page: the navigation built for the member."""

from django.utils.functional import SimpleLazyObject

from core import navigation as registry
from marketplace.accounts import request_member


def navigation(request):
    """The navigation entries by section, computed only if the page draws them."""
    return {
        "nav": SimpleLazyObject(
            lambda: NavSections(registry.items_for(request, request_member(request)))
        )
    }


class NavSections:
    """The gathered entries split by where the layout puts them."""

    def __init__(self, items: list[registry.NavItem]):
        self.main = [item for item in items if item.section == registry.MAIN]
        self.staff = [item for item in items if item.section == registry.STAFF]
        account = [item for item in items if item.section == registry.ACCOUNT]
        self.account_compact = [item for item in account if item.compact]
        self.account = [item for item in account if not item.compact]
