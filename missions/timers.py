"""Timers of missions, run by the worker (`manage.py run_periodic`).

Each job is idempotent: it picks due rows with select_for_update(skip_locked=True)
in chunks, one transaction per chunk, re-checks them under the lock and moves
them on, so a second run (or a concurrent one) finds nothing left to do. A row
a user is changing at that moment is skipped and caught by the next run.

Lock order is the services' (need → proposals → mission → milestone): a job
locks the parent row first, so it never waits in the opposite order of a request.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace import periodic

from . import effects, selectors
from . import notifications as kinds
from .models import Milestone, Mission, Need, Proposal
from .services import reviews_publish
from .services.awards import mission_unaward
from .services.deliveries import mission_accept_locked
from .services.locks import proposals_select_for_update
from .services.needs import award_by
from .services.transitions import fire, prime_company_members, proposal_event

CHUNK = 500


def _chunks(queryset_for, handle) -> int:
    """Run `handle(row)` over due rows, CHUNK at a time; return how many moved.

    A handled row no longer matches the due query; the ones `handle` leaves
    (returns False) are excluded from the next chunks.
    """
    done, left = 0, set()
    while True:
        with transaction.atomic(), effects.batched():
            rows = list(queryset_for(left)[:CHUNK])
            if not rows:
                return done
            for row in rows:
                if handle(row):
                    done += 1
                else:
                    left.add(row.pk)


def needs_at_deadline(*, now: dt.datetime | None = None) -> int:
    """Published needs past their deadline: closed if they got proposals, else expired."""
    now = now or timezone.now()

    def due(left):
        return (
            Need.objects.select_for_update(skip_locked=True)
            .filter(state=Need.State.PUBLISHED, proposals_deadline__lte=now)
            .exclude(pk__in=left)
            .order_by("proposals_deadline", "pk")
        )

    def handle(need):
        if Proposal.objects.filter(
            need=need, state__in=Proposal.ACTIVE_STATES
        ).exists():
            fire(
                need,
                "close",
                by=None,
                reason=_("Deadline reached."),
                award_by=award_by(),
            )
        else:
            fire(
                need, "expire", by=None, reason=_("Deadline reached with no proposal.")
            )
        return True

    return _chunks(due, handle)


def needs_without_award(*, now: dt.datetime | None = None) -> int:
    """Closed needs nobody awarded in time expire; their proposals are declined."""
    now = now or timezone.now()

    def due(left):
        return (
            Need.objects.select_for_update(skip_locked=True)
            .filter(state=Need.State.CLOSED, award_by__lte=now)
            .exclude(pk__in=left)
            .order_by("award_by", "pk")
        )

    def handle(need):
        reason = _("No proposal was accepted in time.")
        fire(need, "expire", by=None, reason=reason)
        for proposal in proposals_select_for_update(
            need, state__in=Proposal.ACTIVE_STATES
        ):
            proposal.need = need
            from_state = fire(proposal, "decline", by=None, reason=reason)
            proposal_event(proposal, "decline", from_state, None, reason)
        return True

    return _chunks(due, handle)


def awards_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Awards the expert did not confirm in time lapse; the need reopens."""
    now = now or timezone.now()

    def due(left):
        return (
            Need.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                missions__state=Mission.State.AWARDED, missions__confirm_by__lte=now
            )
            .exclude(pk__in=left)
            .order_by("pk")
        )

    def handle(need):
        mission = (
            Mission.objects.select_for_update(skip_locked=True)
            .filter(need=need)
            .first()
        )
        if mission is None or mission.state != Mission.State.AWARDED:
            return False
        mission_unaward(
            "lapse", mission, None, _("The expert did not confirm in time.")
        )
        return True

    return _chunks(due, handle)


def deliveries_auto_accept(*, now: dt.datetime | None = None) -> int:
    """Silence is acceptance: deliveries unanswered after the delay are accepted."""
    now = now or timezone.now()

    done = 0
    while True:
        with transaction.atomic(), effects.batched():
            # lock order of the services: missions, then their milestones
            missions = list(
                Mission.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    state=Mission.State.DELIVERED,
                    milestones__state=Milestone.State.DELIVERED,
                    milestones__auto_accept_at__lte=now,
                )
                .select_related("expert")
                .order_by("pk")[:CHUNK]
            )
            if not missions:
                return done
            milestones = {
                m.mission_id: m
                for m in Milestone.objects.select_for_update().filter(
                    mission__in=missions,
                    state=Milestone.State.DELIVERED,
                    auto_accept_at__lte=now,
                )
            }
            prime_company_members({m.organization_id for m in missions})
            stamp = timezone.now()
            for mission in missions:
                mission_accept_locked(
                    mission,
                    by=None,
                    reason="",
                    milestone=milestones[mission.pk],
                    save=False,
                    at=stamp,
                )
            _save_accepted(missions, list(milestones.values()), stamp)
            done += len(missions)


def _save_accepted(missions: list[Mission], milestones: list[Milestone], stamp) -> None:
    """Write what the transitions changed, one UPDATE per resulting state.

    Every row is locked by the caller, and every row of a group got the same
    values from its transition (same `stamp`), so grouped updates are exact.
    """
    groups: dict[tuple, list] = {}
    for mission in missions:
        key = (
            mission.state,
            mission.milestones_left,
            mission.ended_at,
            mission.reviews_due_at,
        )
        groups.setdefault(key, []).append(mission.pk)
    for (state, left, ended_at, reviews_due_at), ids in groups.items():
        Mission.objects.filter(pk__in=ids).update(
            state=state,
            milestones_left=left,
            ended_at=ended_at,
            reviews_due_at=reviews_due_at,
            updated_at=stamp,
        )
    Milestone.objects.filter(pk__in=[m.pk for m in milestones]).update(
        state=Milestone.State.ACCEPTED,
        accepted_at=stamp,
        accepted_by_silence=True,
        auto_accept_at=None,
        updated_at=stamp,
    )


def delivery_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind the company 3 days and 1 day before a delivery is accepted by silence."""
    now = now or timezone.now()
    steps = [(0, dt.timedelta(days=3)), (1, dt.timedelta(days=1))]
    sent = 0
    for already, before in steps:

        def due(left, already=already, before=before):
            return (
                Milestone.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    state=Milestone.State.DELIVERED,
                    reminders_sent=already,
                    auto_accept_at__lte=now + before,
                    auto_accept_at__gt=now,
                )
                .select_related("mission")
                .exclude(pk__in=left)
                .order_by("pk")
            )

        def handle(milestone, already=already):
            milestone.reminders_sent = already + 1
            milestone.save(update_fields=["reminders_sent", "updated_at"])
            mission = milestone.mission
            effects.tell(
                selectors.company_members(mission.organization_id),
                kind=kinds.REMINDER,
                message=gettext_lazy(
                    "%(title)s: answer the delivery, or it will be accepted on %(date)s"
                ),
                params={
                    "title": mission.title,
                    "date": timezone.localtime(milestone.auto_accept_at).date(),
                },
                url=mission.get_absolute_url(),
            )
            return True

        sent += _chunks(due, handle)
    return sent


def reviews_window_end(*, now: dt.datetime | None = None) -> int:
    """Reviews of missions whose review window ended are published."""
    now = now or timezone.now()

    def due(left):
        return (
            Mission.objects.select_for_update(skip_locked=True)
            .filter(
                state=Mission.State.COMPLETED,
                reviews_published_at__isnull=True,
                reviews_due_at__lte=now,
            )
            .exclude(pk__in=left)
            .order_by("pk")
        )

    def handle(mission):
        reviews_publish(mission=mission)
        return True

    return _chunks(due, handle)


@periodic.job(every=60)
def missions_timers() -> dict[str, int]:
    """Every timer of missions, in an order where one's result may feed the next."""
    now = timezone.now()
    return {
        "needs_at_deadline": needs_at_deadline(now=now),
        "needs_without_award": needs_without_award(now=now),
        "awards_unconfirmed": awards_unconfirmed(now=now),
        "delivery_reminders": delivery_reminders(now=now),
        "deliveries_auto_accept": deliveries_auto_accept(now=now),
        "reviews_window_end": reviews_window_end(now=now),
    }
