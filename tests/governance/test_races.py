"""Races on PostgreSQL with real threads."""

import threading

import pytest
from django.db import connection

from governance import services
from governance.models import Ballot, VoterRoll
from tests.conftest import postgres_only

from .factories import in_voting, voter


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_ballots_by_one_voter_leave_one_ballot():
    motion = in_voting()
    member = voter()
    barrier = threading.Barrier(50)
    outcomes: list[str] = []

    def submit(choice):
        try:
            barrier.wait()
            services.ballot_cast(motion=motion, member=member, choice=choice)
            outcomes.append("cast")
        except services.Refused as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(("for", "against", "abstain")[i % 3],))
        for i in range(50)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("cast") == 1
    assert outcomes.count("already_voted") == 49
    assert Ballot.objects.filter(motion=motion).count() == 1
    assert VoterRoll.objects.filter(motion=motion, member=member).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_close_and_ballot_race_leaves_no_ballot_after_the_count():
    import datetime as dt

    motion = in_voting()
    members = [voter() for _ in range(10)]
    at = motion.voting_closes_at - dt.timedelta(microseconds=1)
    barrier = threading.Barrier(11)

    def cast(member):
        try:
            barrier.wait()
            services.ballot_cast(motion=motion, member=member, choice="for", now=at)
        except services.Refused:
            pass
        finally:
            connection.close()

    def close():
        try:
            barrier.wait()
            services.motion_close(motion=motion, now=motion.voting_closes_at)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(m,)) for m in members]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    motion.refresh_from_db()
    assert motion.result.ballot_count == Ballot.objects.filter(motion=motion).count()
