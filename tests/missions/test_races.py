"""Races with real threads on PostgreSQL: exactly one wins, the others are refused."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from core.refusals import Refusal
from missions import services, timers
from missions.models import Mission, Need, Proposal
from tests.conftest import postgres_only
from tests.missions import factories as f

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the calls at once in threads; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # the loser's refusal is the result
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_awards_of_one_need_at_once_one_wins():
    need = f.need_published()
    first, second = f.proposal(need), f.proposal(need)
    colleague = f.company()
    colleague.organization = need.organization
    colleague.organization_role = "member"
    colleague.save()
    results = race(
        lambda: services.proposal_accept(proposal=first, by=need.author.user),
        lambda: services.proposal_accept(proposal=second, by=colleague.user),
    )
    won = [r for r in results if isinstance(r, Mission)]
    lost = [r for r in results if isinstance(r, Refusal)]
    assert len(won) == 1 and len(lost) == 1, results
    assert Mission.objects.filter(need=need).count() == 1
    need.refresh_from_db()
    assert need.state == Need.State.AWARDED
    states = sorted(Proposal.objects.filter(need=need).values_list("state", flat=True))
    assert states == ["accepted", "declined"]


def test_double_click_on_accept_completes_once():
    mission = f.mission(state="delivered")
    buyer = f.buyer_of(mission)
    results = race(
        lambda: services.mission_accept(mission=mission, by=buyer),
        lambda: services.mission_accept(mission=mission, by=buyer),
    )
    assert sum(isinstance(r, Mission) for r in results) == 1, results
    assert sum(isinstance(r, Refusal) for r in results) == 1, results
    mission.refresh_from_db()
    assert mission.state == Mission.State.COMPLETED
    assert mission.milestones_left == 0


def test_request_changes_against_auto_accept_timer_one_wins():
    mission = f.mission(state="delivered")
    buyer = f.buyer_of(mission)
    later = timezone.now() + dt.timedelta(days=20)
    results = race(
        lambda: services.mission_request_changes(
            mission=mission, by=buyer, reason="Non"
        ),
        lambda: timers.deliveries_auto_accept(now=later),
    )
    mission.refresh_from_db()
    changes_won = isinstance(results[0], Mission)
    timer_count = results[1]
    if changes_won:
        assert mission.state == Mission.State.CHANGES_REQUESTED
        assert timer_count == 0
    else:
        assert isinstance(results[0], Refusal), results
        assert mission.state == Mission.State.COMPLETED and timer_count == 1
    # and a second timer run finds nothing in either case
    assert timers.deliveries_auto_accept(now=later) == 0


def test_two_timer_runs_at_once_process_each_row_once():
    missions = [f.mission(state="delivered") for _ in range(6)]
    later = timezone.now() + dt.timedelta(days=20)
    results = race(
        lambda: timers.deliveries_auto_accept(now=later),
        lambda: timers.deliveries_auto_accept(now=later),
    )
    assert sum(results) == 6, results
    assert (
        Mission.objects.filter(
            pk__in=[m.pk for m in missions], state=Mission.State.COMPLETED
        ).count()
        == 6
    )
