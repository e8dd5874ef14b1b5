"""The public site's entries in the navigation (see core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import navigation
from core.navigation import ACCOUNT, NavItem


def nav_items(request, member):
    yield NavItem(_("Search"), reverse("cms:search"), icon="search", order=80)
    if member is not None and member.is_expert:
        yield NavItem(
            _("My public card"),
            reverse("cms:my_card"),
            icon="person-vcard",
            section=ACCOUNT,
            order=40,
        )


navigation.register(nav_items)
