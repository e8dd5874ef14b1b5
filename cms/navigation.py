"""The public site's entries in the navigation (see core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from core import navigation
from core.navigation import ACCOUNT, NavItem


def menu_pages():
    """The public pages editors put in the menu ("Show in menus"), in the reader's
    language, in the tree's order."""
    return (
        Page.objects.live()
        .public()
        .in_menu()
        .filter(depth=3, locale=Locale.get_active())
        .order_by("path")
    )


def nav_items(request, member):
    if not request.user.is_authenticated:
        # visitors: the public site's pages and its search (members have their own
        # navigation; the home page leads them to the public pages)
        for number, page in enumerate(menu_pages()):
            yield NavItem(page.title, page.get_url(request), order=30 + number)
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
