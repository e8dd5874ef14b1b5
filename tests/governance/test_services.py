import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core import rules
from core.models import RuleVersion
from core.refusals import Refusal
from governance import services, timers
from governance.models import Ballot, Motion, MotionRevision, VoterRoll
from marketplace.models import AuditEvent, Notification
from tests.factories import ExpertFactory

from .factories import (
    after,
    during,
    in_deliberation,
    in_voting,
    rule_motion,
    text_motion,
    voter,
)

pytestmark = pytest.mark.django_db


def test_invalid_rule_value_can_never_be_drafted():
    author = voter()
    for changes in (
        {"fees.expert.yearly_cents": -1},
        {"fees.expert.yearly_cents": "9000"},
        {
            "governance.college_weights": {
                "companies": 60,
                "experts": 30,
                "founders": 10,
            }
        },
        {
            "governance.college_weights": {
                "companies": 40,
                "experts": 40,
                "founders": 25,
            }
        },
        {"no.such.rule": 1},
        {},
    ):
        with pytest.raises(ValidationError):
            rule_motion(author=author, changes=changes)
    assert not Motion.objects.exists()


def test_only_active_members_draft_motions():
    with pytest.raises(Refusal) as refusal:
        rule_motion(author=ExpertFactory())
    assert refusal.value.code == "not_voter"


def test_motion_needs_sponsors_to_leave_deliberation():
    motion = in_deliberation(rule_motion(), sponsors=2)
    with pytest.raises(Refusal):
        services.motion_open_vote(motion=motion, by=motion.author)
    services.motion_sponsor(motion=motion, member=voter())
    motion = services.motion_open_vote(motion=motion, by=motion.author)
    assert motion.state == Motion.State.VOTING
    assert motion.parameters["weights"] == {
        "companies": 40,
        "experts": 40,
        "founders": 20,
    }


def test_author_cannot_sponsor_and_nobody_sponsors_twice():
    motion = in_deliberation(rule_motion(), sponsors=0)
    with pytest.raises(Refusal):
        services.motion_sponsor(motion=motion, member=motion.author)
    sponsor = voter()
    services.motion_sponsor(motion=motion, member=sponsor)
    with pytest.raises(Refusal):
        services.motion_sponsor(motion=motion, member=sponsor)


def test_constitutional_rule_and_charter_need_supermajority():
    assert in_voting(
        rule_motion(changes={"governance.quorum_percent": 30})
    ).supermajority
    assert in_voting(text_motion(is_charter=True)).supermajority
    assert not in_voting(text_motion()).supermajority
    assert not in_voting(rule_motion()).supermajority


def test_accepted_amendment_changes_the_motion_with_history():
    motion = in_deliberation(rule_motion(), sponsors=0)
    amendment = services.amendment_propose(
        motion=motion,
        member=voter(),
        rationale="Less steep",
        changes={"fees.expert.yearly_cents": 10000},
    )
    rejected = services.amendment_propose(
        motion=motion,
        member=voter(),
        rationale="Free",
        changes={"fees.expert.yearly_cents": 0},
    )
    with pytest.raises(Refusal):  # only the author decides
        services.amendment_decide(amendment=amendment, by=voter(), accept=True)
    services.amendment_decide(amendment=amendment, by=motion.author, accept=True)
    services.amendment_decide(amendment=rejected, by=motion.author, accept=False)
    motion.refresh_from_db()
    assert motion.changes == {"fees.expert.yearly_cents": 10000}
    revisions = list(MotionRevision.objects.filter(motion=motion).order_by("number"))
    assert [r.changes["fees.expert.yearly_cents"] for r in revisions] == [9000, 10000]
    assert revisions[1].amendment == amendment
    with pytest.raises(Refusal):
        services.amendment_decide(amendment=amendment, by=motion.author, accept=False)


def test_amendment_with_invalid_value_is_refused():
    motion = in_deliberation(rule_motion(), sponsors=0)
    with pytest.raises(ValidationError):
        services.amendment_propose(
            motion=motion,
            member=voter(),
            rationale="x",
            changes={"fees.expert.yearly_cents": 10**9},
        )


def test_withdraw_only_before_the_vote():
    motion = rule_motion()
    services.motion_withdraw(motion=motion, by=motion.author)
    motion = in_voting()
    with pytest.raises(Refusal):
        services.motion_withdraw(motion=motion, by=motion.author)


def test_transitions_are_audited():
    motion = in_voting()
    actions = list(
        AuditEvent.objects.filter(target_id=motion.pk).values_list("action", "to_state")
    )
    assert actions == [
        ("motion.drafted", "draft"),
        ("motion.submitted", "deliberation"),
        ("motion.sponsored", ""),
        ("motion.sponsored", ""),
        ("motion.sponsored", ""),
        ("motion.vote_opened", "voting"),
    ]


# --- ballots -------------------------------------------------------------------


def test_ballot_is_secret_roll_and_ballot_share_no_key():
    motion = in_voting()
    member = voter()
    receipt = services.ballot_cast(
        motion=motion, member=member, choice="for", now=during(motion)
    )
    roll = VoterRoll.objects.get(motion=motion, member=member)
    ballot = Ballot.objects.get(motion=motion)
    assert receipt not in (roll.receipt_check, ballot.receipt_hash)
    assert roll.receipt_check != ballot.receipt_hash
    assert not {f.name for f in Ballot._meta.fields} & {
        "member",
        "created_at",
        "updated_at",
    }
    assert ballot.id.version == 4  # random, not time-ordered like the roll's uuid7
    event = AuditEvent.objects.get(action="ballot.cast")
    assert "for" not in str(event.data) and event.target_id == roll.pk


def test_voter_changes_ballot_with_receipt():
    motion = in_voting()
    member = voter()
    receipt = services.ballot_cast(
        motion=motion, member=member, choice="for", now=during(motion)
    )
    services.ballot_cast(
        motion=motion,
        member=member,
        choice="against",
        receipt=receipt,
        now=during(motion),
    )
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["against"]
    assert VoterRoll.objects.count() == 1


def test_second_ballot_without_receipt_is_refused_and_changes_nothing():
    motion = in_voting()
    member = voter()
    services.ballot_cast(motion=motion, member=member, choice="for", now=during(motion))
    with pytest.raises(Refusal) as refusal:
        services.ballot_cast(
            motion=motion, member=member, choice="against", now=during(motion)
        )
    assert refusal.value.code == "already_voted"
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["for"]


def test_someone_elses_receipt_is_refused():
    motion = in_voting()
    first, second = voter(), voter()
    receipt = services.ballot_cast(
        motion=motion, member=first, choice="for", now=during(motion)
    )
    services.ballot_cast(motion=motion, member=second, choice="for", now=during(motion))
    with pytest.raises(Refusal) as refusal:
        services.ballot_cast(
            motion=motion,
            member=second,
            choice="against",
            receipt=receipt,
            now=during(motion),
        )
    assert refusal.value.code == "bad_receipt"
    assert set(Ballot.objects.values_list("choice", flat=True)) == {"for"}


@pytest.mark.parametrize("when", ["before", "after"])
def test_voting_outside_the_window_is_refused(when):
    motion = in_voting()
    moment = (
        motion.voting_opens_at - dt.timedelta(seconds=1)
        if when == "before"
        else after(motion)
    )
    with pytest.raises(Refusal):
        services.ballot_cast(motion=motion, member=voter(), choice="for", now=moment)
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_voting_on_a_draft_is_refused():
    motion = rule_motion()
    with pytest.raises(Refusal):
        services.ballot_cast(motion=motion, member=voter(), choice="for")


def test_voting_without_active_membership_is_refused():
    motion = in_voting()
    with pytest.raises(Refusal) as refusal:
        services.ballot_cast(
            motion=motion, member=ExpertFactory(), choice="for", now=during(motion)
        )
    assert refusal.value.code == "not_voter"
    assert not Ballot.objects.exists()


def test_founder_votes_in_the_founders_college():
    motion = in_voting()
    services.ballot_cast(
        motion=motion, member=voter("founders"), choice="for", now=during(motion)
    )
    services.ballot_cast(
        motion=motion, member=voter("companies"), choice="for", now=during(motion)
    )
    assert sorted(Ballot.objects.values_list("college", flat=True)) == [
        "companies",
        "founders",
    ]


# --- close, publish, enact -----------------------------------------------------


def _elect(motion, votes):
    for college, choice in votes:
        services.ballot_cast(
            motion=motion, member=voter(college), choice=choice, now=during(motion)
        )


def test_close_before_the_end_is_refused():
    motion = in_voting()
    with pytest.raises(Refusal):
        services.motion_close(motion=motion, now=during(motion))


def test_adopted_rule_change_is_scheduled_then_enacted_by_the_timers():
    motion = in_voting()
    _elect(motion, [("experts", "for"), ("companies", "for"), ("founders", "against")])
    assert timers.close_due_votes(now=during(motion)) == 0
    assert timers.close_due_votes(now=after(motion)) == 1
    motion.refresh_from_db()
    assert motion.state == Motion.State.ADOPTED
    assert motion.enactment == Motion.Enactment.SCHEDULED
    assert motion.effective_at == motion.voting_closes_at + dt.timedelta(days=7)
    assert rules.get("fees.expert.yearly_cents") == 12_000
    assert (
        timers.enact_due_rules(now=motion.effective_at - dt.timedelta(seconds=1)) == 0
    )
    assert timers.enact_due_rules(now=motion.effective_at) == 1
    assert timers.enact_due_rules(now=motion.effective_at) == 0  # idempotent
    motion.refresh_from_db()
    assert motion.enactment == Motion.Enactment.ENACTED
    version = RuleVersion.objects.get(key="fees.expert.yearly_cents", motion=motion)
    assert version.effective_at == motion.effective_at
    assert rules.get("fees.expert.yearly_cents", at=motion.effective_at) == 9000
    assert Notification.objects.filter(
        member=motion.author, kind="governance.motion_closed"
    ).exists()


def test_rejected_motion_changes_no_rule():
    motion = in_voting()
    _elect(
        motion, [("experts", "against"), ("companies", "against"), ("founders", "for")]
    )
    timers.close_due_votes(now=after(motion))
    motion.refresh_from_db()
    assert motion.state == Motion.State.REJECTED
    assert motion.enactment == Motion.Enactment.NONE
    assert not RuleVersion.objects.filter(motion__isnull=False).exists()


def test_published_list_recounts_to_the_published_result():
    from governance import tally

    motion = in_voting()
    receipts = [
        services.ballot_cast(
            motion=motion, member=voter(c), choice=ch, now=during(motion)
        )
        for c, ch in [
            ("experts", "for"),
            ("companies", "abstain"),
            ("founders", "against"),
        ]
    ]
    motion = services.motion_close(motion=motion, now=after(motion))
    result = motion.result
    assert tally.recount(result.ballots).as_dict() == result.tally
    assert result.ballot_count == 3
    from governance.selectors import receipt_lookup

    assert receipt_lookup(motion=motion, code=receipts[0].lower()).choice == "for"
    assert receipt_lookup(motion=motion, code="AAAA-AAAA-AAAA-AAAA") is None


def test_reminders_go_once_to_voters_who_have_not_voted():
    motion = in_voting()
    voted = voter()
    services.ballot_cast(motion=motion, member=voted, choice="for", now=during(motion))
    almost = motion.voting_closes_at - dt.timedelta(hours=23)
    assert timers.remind_voters(now=during(motion)) == 0
    assert timers.remind_voters(now=almost) == 1
    assert timers.remind_voters(now=almost) == 0
    reminded = Notification.objects.filter(kind="governance.vote_reminder")
    assert not reminded.filter(member=voted).exists()
    assert reminded.filter(member=motion.author).exists()
    assert reminded.count() >= 4  # author and three sponsors


def test_text_motion_adopted_is_not_scheduled():
    motion = in_voting(text_motion())
    _elect(motion, [("experts", "for"), ("companies", "for"), ("founders", "for")])
    motion = services.motion_close(motion=motion, now=after(motion))
    assert motion.state == Motion.State.ADOPTED
    assert motion.enactment == Motion.Enactment.NONE


def test_enact_rule_helper_puts_a_value_in_force_at_once():
    from .factories import enact_rule

    motion = enact_rule("fees.expert.monthly_cents", 1_300)
    assert rules.get("fees.expert.monthly_cents") == 1_300
    assert motion.enactment == Motion.Enactment.ENACTED
    enact_rule("governance.quorum_percent", 30)  # constitutional: supermajority met
    assert rules.get("governance.quorum_percent") == 30
