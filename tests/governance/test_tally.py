"""The tally is a pure function; the stored and the published counts agree."""

from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import services, tally
from governance.models import Ballot, Motion
from governance.receipts import ballot_hash

from .factories import after, in_voting

SIMPLE = tally.Parameters(
    weights={"companies": 40, "experts": 40, "founders": 20},
    quorum_percent=20,
    college_quorum_percent=10,
    supermajority=False,
    supermajority_percent=67,
)
SUPER = tally.Parameters(**{**SIMPLE.__dict__, "supermajority": True})
ELECTORATE = {"companies": 10, "experts": 10, "founders": 10}


def ballots(**counts):
    """ballots(experts_for=3, companies_against=1) → [(college, choice), ...]"""
    out = []
    for name, n in counts.items():
        college, choice = name.split("_")
        out += [(college, choice)] * n
    return out


def everywhere(choice_counts):
    return ballots(
        **{
            f"{c}_{choice}": n
            for c in tally.COLLEGES
            for choice, n in choice_counts.items()
        }
    )


def test_exactly_half_is_not_a_majority():
    outcome = tally.count(
        everywhere({"for": 1, "against": 1}), electorate=ELECTORATE, parameters=SIMPLE
    )
    assert outcome.share == Fraction(1, 2) and not outcome.adopted


def test_one_vote_above_half_is_a_majority():
    outcome = tally.count(
        everywhere({"for": 2, "against": 1}), electorate=ELECTORATE, parameters=SIMPLE
    )
    assert outcome.adopted


def test_supermajority_exactly_at_threshold_passes_one_below_fails():
    params = tally.Parameters(**{**SUPER.__dict__, "supermajority_percent": 75})
    at = tally.count(
        everywhere({"for": 3, "against": 1}), electorate=ELECTORATE, parameters=params
    )
    assert at.share == Fraction(3, 4) and at.adopted
    below = tally.count(
        everywhere({"for": 2, "against": 1}), electorate=ELECTORATE, parameters=params
    )
    assert below.share == Fraction(2, 3) and not below.adopted


def test_abstentions_count_for_quorum_not_majority():
    votes = everywhere({"for": 1, "abstain": 1})
    outcome = tally.count(votes, electorate=ELECTORATE, parameters=SIMPLE)
    assert (
        outcome.share == 1
        and outcome.voters == 6
        and outcome.quorum_met
        and outcome.adopted
    )


def test_overall_quorum_exactly_met_and_one_below():
    electorate = {"companies": 10, "experts": 10, "founders": 10}  # 20 % of 30 = 6
    params = tally.Parameters(**{**SIMPLE.__dict__, "college_quorum_percent": 0})
    met = tally.count(ballots(experts_for=6), electorate=electorate, parameters=params)
    assert met.quorum_met and met.adopted
    below = tally.count(
        ballots(experts_for=5), electorate=electorate, parameters=params
    )
    assert not below.quorum_met and not below.adopted


def test_college_quorum_exactly_met_and_one_below():
    params = tally.Parameters(
        **{**SIMPLE.__dict__, "quorum_percent": 1, "college_quorum_percent": 30}
    )
    votes = everywhere({"for": 3})
    assert tally.count(votes, electorate=ELECTORATE, parameters=params).quorum_met
    short = votes[:-1]  # founders have 2 of 10
    assert not tally.count(short, electorate=ELECTORATE, parameters=params).quorum_met


def test_college_weights_not_headcount_decide():
    # 1 founder against vs 9 experts for: experts (40) for, founders (20) against
    votes = ballots(experts_for=9, founders_against=1, companies_against=1)
    outcome = tally.count(
        votes,
        electorate={"companies": 1, "experts": 9, "founders": 1},
        parameters=SIMPLE,
    )
    assert outcome.share == Fraction(40, 100) and not outcome.adopted


def test_nobody_voting_is_not_adopted():
    outcome = tally.count([], electorate=ELECTORATE, parameters=SIMPLE)
    assert not outcome.adopted and outcome.share == 0
    assert not tally.count([], electorate={}, parameters=SIMPLE).quorum_met


# --- hypothesis: stored ballots, published list, and the pure count agree -----

elections = st.lists(
    st.tuples(st.sampled_from(tally.COLLEGES), st.sampled_from(tally.CHOICES)),
    max_size=60,
)
weights = st.sampled_from(
    [
        {"companies": 40, "experts": 40, "founders": 20},
        {"companies": 50, "experts": 40, "founders": 10},
        {"companies": 34, "experts": 33, "founders": 33},
    ]
)


@given(
    votes=elections,
    extra=st.dictionaries(st.sampled_from(tally.COLLEGES), st.integers(0, 30)),
    w=weights,
    supermajority=st.booleans(),
    quorum=st.integers(1, 100),
)
def test_recount_of_published_list_equals_direct_count(
    votes, extra, w, supermajority, quorum
):
    electorate = {
        c: sum(1 for v in votes if v[0] == c) + extra.get(c, 0) for c in tally.COLLEGES
    }
    params = tally.Parameters(w, quorum, 10, supermajority, 67)
    direct = tally.count(votes, electorate=electorate, parameters=params)
    listed = tally.published_list(
        motion_id="m",
        ballots=[(f"{i:064x}", c, ch) for i, (c, ch) in enumerate(votes)],
        electorate=electorate,
        parameters=params,
    )
    assert tally.recount(listed).as_dict() == direct.as_dict()
    # the share is exactly the weighted mean of the "for" share of each college
    # where someone voted for or against; 0 when nobody did
    shares = {}
    for college in tally.COLLEGES:
        ayes, noes = votes.count((college, "for")), votes.count((college, "against"))
        if ayes + noes:
            shares[college] = Fraction(ayes, ayes + noes)
    expected = (
        sum(w[c] * share for c, share in shares.items()) / sum(w[c] for c in shares)
        if shares
        else Fraction(0)
    )
    assert direct.share == expected
    assert direct.adopted == (
        direct.quorum_met
        and (expected * 100 >= 67 if supermajority else expected * 2 > 1)
    )


@pytest.fixture
def voting_motion(db):
    return in_voting()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(votes=elections)
def test_close_counts_stored_ballots_like_the_published_recount(voting_motion, votes):
    with transaction.atomic():  # rolled back: each example starts from the open vote
        motion = Motion.objects.get(pk=voting_motion.pk)
        # stored ballots as ballot_cast would write them (random receipts)
        Ballot.objects.bulk_create(
            Ballot(
                motion=motion,
                college=college,
                choice=choice,
                receipt_hash=ballot_hash(motion_id=motion.pk, code=f"CODE{i}"),
            )
            for i, (college, choice) in enumerate(votes)
        )
        closed = services.motion_close(motion=motion, now=after(motion))
        result = closed.result
        from_stored = tally.count(
            Ballot.objects.filter(motion=motion).values_list("college", "choice"),
            electorate={
                c: v["electorate"] for c, v in result.tally["colleges"].items()
            },
            parameters=tally.Parameters.from_dict(motion.parameters),
        )
        assert (
            result.tally
            == tally.recount(result.ballots).as_dict()
            == from_stored.as_dict()
        )
        assert result.ballot_count == len(votes)
        assert closed.state == (
            Motion.State.ADOPTED if from_stored.adopted else Motion.State.REJECTED
        )
        transaction.set_rollback(True)
