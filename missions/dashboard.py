"""Missions' dashboard items: the first need or first proposal of the checklist,
and what waits on the member's needs, proposals, missions and disputes."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dashboard
from core.dashboard import STEP, WAITING, DashboardItem
from marketplace.role_checks import MEDIATOR, holds

from . import waiting


def _waiting(label, url, count, icon, priority):
    return DashboardItem(WAITING, label, url, count=count, icon=icon, priority=priority)


def dashboard_items(request, member):
    if holds(request.user, MEDIATOR):
        count = waiting.disputes_assigned(user=request.user)
        yield _waiting(
            ngettext(
                "%(count)s dispute assigned to you",
                "%(count)s disputes assigned to you",
                count,
            )
            % {"count": count},
            reverse("missions:missions"),
            count,
            "people-fill",
            55,
        )
    if member is None:
        return
    missions_url = reverse("missions:missions")
    counts = waiting.mission_counts(member=member)
    if member.is_company:
        yield DashboardItem(
            STEP,
            _("Publish your first need"),
            reverse("missions:need_new"),
            icon="clipboard-plus",
            priority=30,
            done=waiting.has_published_need(member=member),
            hint=_("Say what you need: experts whose skills fit will see it."),
        )
        count = waiting.proposals_to_decide(member=member)
        yield _waiting(
            ngettext(
                "%(count)s proposal waiting for your decision",
                "%(count)s proposals waiting for your decision",
                count,
            )
            % {"count": count},
            reverse("missions:needs"),
            count,
            "inbox",
            10,
        )
        yield _waiting(
            ngettext(
                "%(count)s delivery to review",
                "%(count)s deliveries to review",
                counts["delivered"],
            )
            % {"count": counts["delivered"]},
            missions_url,
            counts["delivered"],
            "box-seam",
            20,
        )
    else:
        yield DashboardItem(
            STEP,
            _("Send your first proposal"),
            reverse("missions:needs"),
            icon="send",
            priority=30,
            done=waiting.has_sent_proposal(member=member),
            hint=_("Needs are picked for you by your skills."),
        )
        yield _waiting(
            ngettext(
                "%(count)s mission to confirm",
                "%(count)s missions to confirm",
                counts["awarded"],
            )
            % {"count": counts["awarded"]},
            missions_url,
            counts["awarded"],
            "briefcase",
            10,
        )
        yield _waiting(
            ngettext(
                "%(count)s delivery sent back with changes requested",
                "%(count)s deliveries sent back with changes requested",
                counts["changes_requested"],
            )
            % {"count": counts["changes_requested"]},
            missions_url,
            counts["changes_requested"],
            "arrow-repeat",
            20,
        )
    yield _waiting(
        ngettext(
            "%(count)s review to write",
            "%(count)s reviews to write",
            counts["reviews_due"],
        )
        % {"count": counts["reviews_due"]},
        missions_url,
        counts["reviews_due"],
        "star",
        30,
    )
    count = waiting.disputes_to_answer(member=member)
    yield _waiting(
        ngettext(
            "%(count)s dispute waiting for your answer",
            "%(count)s disputes waiting for your answer",
            count,
        )
        % {"count": count},
        missions_url,
        count,
        "exclamation-triangle",
        5,
    )


dashboard.register(dashboard_items)
