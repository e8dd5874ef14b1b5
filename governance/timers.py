"""Periodic jobs of governance: close votes, remind voters, enact adopted rules.

Each job picks due motions with `select_for_update(skip_locked=True)` in a short
transaction and hands each one to its service, which locks it again and checks
it is still due: running a job twice, or twice at once, does nothing more.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from core.refusals import Refusal
from marketplace import periodic

from . import services
from .models import Motion

log = logging.getLogger(__name__)


def _due(queryset) -> list[Motion]:
    with transaction.atomic():
        return list(queryset.select_for_update(skip_locked=True).order_by("pk")[:100])


def _each(motions, action, **kwargs) -> int:
    done = 0
    for motion in motions:
        try:
            action(motion=motion, **kwargs)
            done += 1
        except Refusal as refusal:  # done meanwhile by another worker
            log.info(
                "governance: %s skipped for %s: %s", action.__name__, motion.pk, refusal
            )
    return done


@periodic.job(every=60)
def close_due_votes(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    due = Motion.objects.filter(state=Motion.State.VOTING, voting_closes_at__lte=now)
    return _each(_due(due), services.motion_close, now=now)


@periodic.job(every=60)
def enact_due_rules(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    due = Motion.objects.filter(
        enactment=Motion.Enactment.SCHEDULED, effective_at__lte=now
    )
    return _each(_due(due), services.motion_enact, now=now)


@periodic.job(every=300)
def remind_voters(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    due = Motion.objects.filter(
        state=Motion.State.VOTING,
        reminded_at__isnull=True,
        voting_closes_at__gt=now,
        voting_closes_at__lte=now + dt.timedelta(hours=24),
    )
    return _each(_due(due), services.voters_remind, now=now)
