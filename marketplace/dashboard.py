"""Marketplace's dashboard items: the profile step of each community's checklist,
and the skills a moderator has to review."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dashboard
from core.dashboard import STEP, WAITING, DashboardItem

from .models import ExpertProfile, Skill
from .models.profiles import PublicationStatus
from .role_checks import MODERATOR, holds


def organization_profile_done(organization) -> bool:
    """An organization's profile tells experts who they would work for."""
    return bool(organization and organization.description and organization.sector)


def dashboard_items(request, member):
    if member is not None and member.is_company:
        yield DashboardItem(
            STEP,
            _("Describe your organization"),
            reverse("marketplace:organization"),
            icon="building",
            priority=10,
            done=organization_profile_done(member.organization),
            hint=_("Its sector and a few words experts read before they answer."),
        )
    if member is not None and member.is_expert:
        published = ExpertProfile.objects.filter(
            member=member, status=PublicationStatus.PUBLISHED
        ).exists()
        yield DashboardItem(
            STEP,
            _("Publish your expert profile"),
            reverse("marketplace:profile_edit"),
            icon="person-badge",
            priority=10,
            done=published,
            hint=_("Companies find you by your skills once it is published."),
        )
    if holds(request.user, MODERATOR):
        count = Skill.objects.filter(status=Skill.Status.PROPOSED).count()
        yield DashboardItem(
            WAITING,
            ngettext(
                "%(count)s proposed skill to review",
                "%(count)s proposed skills to review",
                count,
            )
            % {"count": count},
            reverse("admin:marketplace_skill_changelist") + "?status__exact=proposed",
            count=count,
            icon="tags",
            priority=60,
        )


dashboard.register(dashboard_items)
