"""Races on PostgreSQL, with real threads: the database keeps one of each."""

import threading

import pytest
from django.db import connection

from core.refusals import Refusal
from spaces import services
from spaces.models import ConfirmationBallot, ConfirmationVoter, Membership
from tests.conftest import postgres_only
from tests.spaces.space_factories import make_space, practitioner, seat

pytestmark = [pytest.mark.django_db(transaction=True), postgres_only]


def together(func, times=4):
    barrier = threading.Barrier(times)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(func())
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(times)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def test_one_ballot_per_member_when_votes_race():
    space, moderator = make_space()
    voter = practitioner()
    services.space_join(space=space, member=voter)
    row = Membership.objects.get(member=moderator)
    results = together(
        lambda: services.confirmation_vote(
            seat=seat(voter, space), moderator=row, approve=True
        )
    )
    assert sum(isinstance(result, str) for result in results) == 1
    assert all(isinstance(result, (str, Refusal)) for result in results), results
    assert ConfirmationVoter.objects.filter(moderator=row).count() == 1
    assert ConfirmationBallot.objects.filter(moderator=row).count() == 1


def test_one_membership_when_joins_race():
    space, _ = make_space()
    peer = practitioner()
    results = together(lambda: services.space_join(space=space, member=peer))
    assert all(isinstance(result, Membership) for result in results), results
    assert Membership.objects.filter(space=space, member=peer).count() == 1
