"""Races on PostgreSQL with real threads."""

import threading

import pytest
from django.db import connection

from core.refusals import Refusal
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
        except Refusal as refusal:
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
        except Refusal:
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


@postgres_only
@pytest.mark.django_db
def test_after_close_row_metadata_no_longer_joins_ballots_to_the_roll():
    from .factories import after, during

    motion = in_voting()
    for _ in range(5):
        services.ballot_cast(
            motion=motion, member=voter(), choice="for", now=during(motion)
        )

    def xmins(table):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT xmin::text FROM {table} WHERE motion_id = %s",  # noqa: S608
                [motion.pk],
            )
            return {row[0] for row in cursor.fetchall()}

    # each ballot shares its writing transaction with its roll entry (here the
    # test's single transaction, so this is only a sanity check); the close
    # rewrites every ballot, which the new ids prove
    assert xmins("governance_ballot") <= xmins("governance_voterroll")
    before = set(Ballot.objects.filter(motion=motion).values_list("id", flat=True))
    services.motion_close(motion=motion, now=after(motion))
    after_ids = set(Ballot.objects.filter(motion=motion).values_list("id", flat=True))
    assert len(after_ids) == 5 and not before & after_ids  # every ballot rewritten
