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


def site_menu(request, current) -> list[NavItem]:
    """The public pages' menu, drawn by the public pages for visitors
    (cms/templates/cms/page_base.html); members have their own navigation."""
    return [
        NavItem(
            page.title,
            page.get_url(request),
            active=current.path.startswith(page.path),
        )
        for page in menu_pages()
    ]


def nav_items(request, member):
    if not request.user.is_authenticated:
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
