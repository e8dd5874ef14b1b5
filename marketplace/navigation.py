"""Marketplace's entries in the main navigation (see core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import navigation
from core.navigation import ACCOUNT, STAFF, NavItem

from .models import Skill
from .role_checks import MODERATOR, holds
from .selectors import notifications_unread


def nav_items(request, member):
    user = request.user
    if not user.is_authenticated:
        yield NavItem(
            _("How it works"),
            reverse("marketplace:how_matching_works"),
            icon="lightbulb",
            order=10,
        )
        yield NavItem(
            _("Sign in"),
            reverse("account_login"),
            icon="box-arrow-in-right",
            section=ACCOUNT,
            order=90,
        )
        yield NavItem(
            _("Join"),
            reverse("account_signup"),
            icon="person-plus",
            section=ACCOUNT,
            order=91,
        )
        return
    yield NavItem(_("Dashboard"), reverse("dashboard"), icon="house", order=0)
    if member is not None and member.is_company:
        yield NavItem(
            _("Experts"),
            reverse("marketplace:search"),
            icon="people",
            order=30,
            match="/experts/",
        )
    if member is not None and member.is_expert:
        yield NavItem(
            _("My profile"),
            reverse("marketplace:profile_edit"),
            icon="person-badge",
            section=ACCOUNT,
            order=5,
            match="/profile/",
        )
    if member is not None:
        unread = notifications_unread(member=member).count()
        yield NavItem(
            _("Notifications"),
            reverse("dashboard") + "#notifications",
            icon="bell",
            badge=unread,
            badge_label=ngettext("%(count)s new", "%(count)s new", unread)
            % {"count": unread},
            section=ACCOUNT,
            order=10,
            match="/notifications/",
            compact=True,
        )
    if member is not None and member.is_company:
        yield NavItem(
            _("My organization"),
            reverse("marketplace:organization"),
            icon="building",
            section=ACCOUNT,
            order=20,
            match="/organization/",
        )
    if member is not None:
        yield NavItem(
            _("Settings"),
            reverse("email_preferences"),
            icon="gear",
            section=ACCOUNT,
            order=80,
            match="/settings/",
        )
        yield NavItem(
            _("My data"),
            reverse("marketplace:my_data"),
            icon="download",
            section=ACCOUNT,
            order=85,
            match="/my-data/",
        )
    if member is None:
        # staff accounts have no settings page: their security one instead
        yield NavItem(
            _("Security"),
            reverse("mfa_index"),
            icon="shield-lock",
            section=ACCOUNT,
            order=80,
            match="/accounts/2fa/",
        )
    if holds(user, MODERATOR):
        to_review = Skill.objects.filter(status=Skill.Status.PROPOSED).count()
        yield NavItem(
            _("Skills to review"),
            reverse("admin:marketplace_skill_changelist") + "?status__exact=proposed",
            icon="tags",
            badge=to_review,
            badge_label=ngettext(
                "%(count)s to review", "%(count)s to review", to_review
            )
            % {"count": to_review},
            section=STAFF,
            order=20,
        )
    if user.is_staff:
        yield NavItem(
            _("Administration"),
            reverse("admin:index"),
            icon="gear",
            section=STAFF,
            order=90,
        )
        yield NavItem(
            _("Public site editor"),
            "/cms-admin/",
            icon="pencil-square",
            section=STAFF,
            order=91,
        )


navigation.register(nav_items)
