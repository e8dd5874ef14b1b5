"""Every FSM transition of missions, through the services (and a test that checks so)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_fsm import FSMField

from core.refusals import Refusal
from marketplace.models import AuditEvent
from missions import services, timers
from missions.models import Dispute, Milestone, Mission, Need, Proposal
from tests.missions import factories as f
from tests.missions.conftest import covers

pytestmark = pytest.mark.django_db


def declared_transitions() -> set[str]:
    found = set()
    for model in apps.get_app_config("missions").get_models():
        for field in model._meta.fields:
            if isinstance(field, FSMField):
                for transition in field.get_all_transitions(model):
                    found.add(f"{model.__name__}.{transition.name}")
    return found


def test_every_declared_transition_has_a_test():
    source = "".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    tested = set()
    for args in re.findall(r"@covers\(([^)]*)\)", source):
        tested |= set(re.findall(r'"([A-Za-z]+\.[a-z_]+)"', args))
    declared = declared_transitions()
    assert len(declared) >= 30
    assert declared - tested == set(), "transitions without a test"


def last_audit(obj):
    return AuditEvent.objects.filter(target_id=obj.pk).order_by("-created_at").first()


# --- needs ---------------------------------------------------------------------------


@covers("Need.publish")
def test_publish_needs_active_membership_and_audits():
    need = f.need_draft()
    services.need_publish(need=need, by=need.author.user)
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED
    event = last_audit(need)
    assert (event.action, event.from_state, event.to_state) == (
        "need.publish",
        "draft",
        "published",
    )
    assert event.actor == need.author.user


def test_publish_without_membership_is_refused():
    from tests.factories import CompanyMemberFactory

    member = CompanyMemberFactory()  # no membership
    need = f.need_draft(member)
    with pytest.raises(PermissionDenied):
        services.need_publish(need=need, by=member.user)
    need.refresh_from_db()
    assert need.state == Need.State.DRAFT


def test_other_company_cannot_publish():
    need = f.need_draft()
    with pytest.raises(PermissionDenied):
        services.need_publish(need=need, by=f.company().user)


@covers("Need.close")
def test_close_by_company():
    need = f.need_published()
    services.need_close(need=need, by=need.author.user)
    need.refresh_from_db()
    assert need.state == Need.State.CLOSED and need.award_by is not None


@covers("Need.cancel")
def test_cancel_declines_live_proposals():
    offer = f.proposal()
    services.need_cancel(
        need=offer.need, by=offer.need.author.user, reason="Budget gelé"
    )
    offer.refresh_from_db()
    assert offer.need.state == Need.State.CANCELLED
    assert offer.state == Proposal.State.DECLINED


@covers("Need.expire")
def test_deadline_without_proposal_expires_need():
    need = f.need_published()
    assert timers.needs_at_deadline(now=timezone.now() + dt.timedelta(days=11)) == 1
    need.refresh_from_db()
    assert need.state == Need.State.EXPIRED
    assert timers.needs_at_deadline(now=timezone.now() + dt.timedelta(days=11)) == 0


def test_deadline_with_proposals_closes_then_expires_without_award():
    offer = f.proposal()
    later = timezone.now() + dt.timedelta(days=11)
    assert timers.needs_at_deadline(now=later) == 1
    offer.need.refresh_from_db()
    assert offer.need.state == Need.State.CLOSED
    assert timers.needs_without_award(now=later + dt.timedelta(days=31)) == 1
    offer.refresh_from_db()
    offer.need.refresh_from_db()
    assert (
        offer.need.state == Need.State.EXPIRED
        and offer.state == Proposal.State.DECLINED
    )


@covers("Need.award", "Proposal.accept", "Proposal.decline")
def test_accept_creates_mission_and_declines_others():
    need = f.need_published()
    first, second = f.proposal(need), f.proposal(need)
    mission = services.proposal_accept(proposal=first, by=need.author.user)
    need.refresh_from_db(), first.refresh_from_db(), second.refresh_from_db()
    assert need.state == Need.State.AWARDED
    assert first.state == Proposal.State.ACCEPTED
    assert second.state == Proposal.State.DECLINED and second.declined_by_award
    assert mission.state == Mission.State.AWARDED
    assert mission.agreed_value_cents == first.total_cents
    assert mission.milestones.count() == 1


def test_expert_cannot_accept_own_proposal():
    offer = f.proposal()
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=offer, by=offer.expert.user)


@covers("Need.reopen", "Proposal.reinstate", "Mission.withdraw_award")
def test_withdrawn_award_reopens_need_and_reinstates_others():
    need = f.need_published()
    first, second = f.proposal(need), f.proposal(need)
    mission = services.proposal_accept(proposal=first, by=need.author.user)
    services.mission_withdraw_award(
        mission=mission, by=need.author.user, reason="Erreur"
    )
    need.refresh_from_db(), second.refresh_from_db(), mission.refresh_from_db()
    assert mission.state == Mission.State.CANCELLED
    assert need.state == Need.State.CLOSED
    assert second.state == Proposal.State.SUBMITTED
    # the company can award again
    services.proposal_accept(proposal=second, by=need.author.user)


# --- proposals -------------------------------------------------------------------------


@covers("Proposal.shortlist")
def test_shortlist():
    offer = f.proposal()
    services.proposal_shortlist(proposal=offer, by=offer.need.author.user)
    offer.refresh_from_db()
    assert offer.state == Proposal.State.SHORTLISTED


@covers("Proposal.withdraw")
def test_withdraw_by_expert_only():
    offer = f.proposal()
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(proposal=offer, by=offer.need.author.user)
    services.proposal_withdraw(proposal=offer, by=offer.expert.user)
    offer.refresh_from_db()
    assert offer.state == Proposal.State.WITHDRAWN


def test_revision_keeps_history_and_notifies_company():
    offer = f.proposal()
    services.proposal_revise(proposal=offer, by=offer.expert.user, total_cents=800_000)
    offer.refresh_from_db()
    assert offer.revision == 2 and offer.total_cents == 800_000
    assert offer.revisions.get().snapshot["total_cents"] == 900_000


def test_second_proposal_of_same_expert_is_refused():
    offer = f.proposal()
    with pytest.raises(Refusal):
        f.proposal(offer.need, by=offer.expert)


def test_editing_published_need_notifies_experts_who_answered():
    offer = f.proposal()
    services.need_update(
        need=offer.need, by=offer.need.author.user, title="Nouveau titre"
    )
    assert offer.expert.notifications.filter(kind="missions.need").exists()


# --- missions ---------------------------------------------------------------------------


@covers("Mission.confirm")
def test_expert_confirms_award():
    mission = f.mission()
    with pytest.raises(PermissionDenied):
        services.mission_confirm(mission=mission, by=f.buyer_of(mission))
    services.mission_confirm(mission=mission, by=f.seller_of(mission))
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE and mission.started_at


@covers("Mission.decline_award")
def test_expert_declines_award():
    mission = f.mission()
    services.mission_decline_award(
        mission=mission, by=f.seller_of(mission), reason="Pas dispo"
    )
    mission.refresh_from_db()
    assert mission.state == Mission.State.CANCELLED
    assert mission.need.state == Need.State.CLOSED


@covers("Mission.lapse")
def test_unconfirmed_award_lapses():
    mission = f.mission()
    later = timezone.now() + dt.timedelta(days=8)
    assert timers.awards_unconfirmed(now=later) == 1
    assert timers.awards_unconfirmed(now=later) == 0
    mission.refresh_from_db()
    assert mission.state == Mission.State.CANCELLED
    assert last_audit(mission).actor is None


@covers("Mission.deliver", "Milestone.deliver")
def test_deliver_with_files():
    from django.core.files.uploadedfile import SimpleUploadedFile

    mission = f.mission(state="active")
    upload = SimpleUploadedFile(
        "rapport.pdf", b"%PDF-1.4 hello", content_type="text/plain"
    )
    delivery = services.mission_deliver(
        mission=mission, by=f.seller_of(mission), message="Rapport", files=[upload]
    )
    mission.refresh_from_db()
    milestone = delivery.milestone
    milestone.refresh_from_db()
    assert mission.state == Mission.State.DELIVERED
    assert milestone.state == Milestone.State.DELIVERED and milestone.auto_accept_at
    stored = delivery.files.get()
    assert stored.content_type == "application/pdf"
    assert "rapport" not in stored.file.name


@covers("Mission.request_changes", "Milestone.request_changes", "Mission.resume")
def test_changes_loop_back_to_active():
    mission = f.mission(state="delivered")
    with pytest.raises(PermissionDenied):
        services.mission_request_changes(
            mission=mission, by=f.seller_of(mission), reason="x"
        )
    services.mission_request_changes(
        mission=mission, by=f.buyer_of(mission), reason="Chiffres"
    )
    mission.refresh_from_db()
    assert mission.state == Mission.State.CHANGES_REQUESTED
    assert mission.milestones.get().state == Milestone.State.CHANGES_REQUESTED
    services.mission_resume(mission=mission, by=f.seller_of(mission))
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE
    services.mission_deliver(mission=mission, by=f.seller_of(mission), message="v2")
    mission.refresh_from_db()
    assert mission.state == Mission.State.DELIVERED


@covers("Mission.complete", "Milestone.accept")
def test_accept_last_milestone_completes():
    mission = f.mission(state="delivered")
    services.mission_accept(mission=mission, by=f.buyer_of(mission))
    mission.refresh_from_db()
    assert mission.state == Mission.State.COMPLETED and mission.reviews_due_at
    assert mission.milestones.get().state == Milestone.State.ACCEPTED


@covers("Mission.accept_milestone")
def test_milestones_run_in_order_and_complete_when_all_accepted():
    mission = f.mission(
        milestones=[
            {"title": "Diagnostic", "amount_cents": 300_000},
            {"title": "Plan", "amount_cents": 600_000},
        ],
        state="delivered",
    )
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    services.mission_accept(mission=mission, by=buyer)
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE
    states = list(
        mission.milestones.order_by("position").values_list("state", flat=True)
    )
    assert states == ["accepted", "open"]
    services.mission_deliver(mission=mission, by=seller, message="Plan")
    services.mission_accept(mission=mission, by=buyer)
    mission.refresh_from_db()
    assert mission.state == Mission.State.COMPLETED


def test_silence_accepts_with_reminders_before():
    mission = f.mission(state="delivered")
    due = mission.milestones.get().auto_accept_at
    assert timers.delivery_reminders(now=due - dt.timedelta(days=2)) == 1
    assert timers.delivery_reminders(now=due - dt.timedelta(days=2)) == 0
    assert timers.delivery_reminders(now=due - dt.timedelta(hours=12)) == 1
    assert timers.deliveries_auto_accept(now=due - dt.timedelta(minutes=1)) == 0
    assert timers.deliveries_auto_accept(now=due + dt.timedelta(minutes=1)) == 1
    assert timers.deliveries_auto_accept(now=due + dt.timedelta(minutes=1)) == 0
    mission.refresh_from_db()
    assert mission.state == Mission.State.COMPLETED
    assert mission.milestones.get().accepted_by_silence


@covers("Mission.cancel")
def test_cancel_by_agreement_needs_the_other_party():
    mission = f.mission(state="active")
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    with pytest.raises(PermissionDenied):
        services.mission_cancel(mission=mission, by=buyer)
    services.mission_request_cancellation(
        mission=mission, by=buyer, reason="Projet arrêté"
    )
    with pytest.raises(PermissionDenied):
        services.mission_cancel(mission=mission, by=buyer)
    services.mission_cancel(mission=mission, by=seller)
    mission.refresh_from_db()
    assert mission.state == Mission.State.CANCELLED


def test_refused_transition_changes_nothing():
    mission = f.mission(state="active")
    with pytest.raises(Refusal):
        services.mission_accept(mission=mission, by=f.buyer_of(mission))
    mission.refresh_from_db()
    assert mission.state == Mission.State.ACTIVE


# --- disputes ------------------------------------------------------------------------------


@pytest.fixture
def mediator():
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="mediator"))
    return user


@covers(
    "Mission.dispute", "Dispute.answer_statement", "Dispute.propose", "Dispute.resolve"
)
@covers("Mission.settle_resume")
def test_dispute_resolved_by_both_parties(mediator):
    mission = f.mission(state="delivered")
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    dispute = services.dispute_open(
        mission=mission, by=buyer, statement="Rapport incomplet"
    )
    assert dispute.mediator == mediator
    mission.refresh_from_db()
    assert mission.state == Mission.State.DISPUTED
    with pytest.raises(PermissionDenied):
        services.dispute_answer(dispute=dispute, by=buyer, text="moi-même")
    services.dispute_answer(dispute=dispute, by=seller, text="Il est complet")
    with pytest.raises(PermissionDenied):
        services.dispute_propose(
            dispute=dispute, by=buyer, resolution="x", outcome="resume"
        )
    services.dispute_propose(
        dispute=dispute,
        by=mediator,
        resolution="Compléter la partie 2",
        outcome="resume",
    )
    services.dispute_accept_proposal(dispute=dispute, by=buyer)
    services.dispute_accept_proposal(dispute=dispute, by=seller)
    dispute.refresh_from_db(), mission.refresh_from_db()
    assert dispute.state == Dispute.State.RESOLVED
    assert mission.state == Mission.State.ACTIVE


@covers("Dispute.reject_proposal", "Dispute.decide", "Mission.settle_complete")
def test_mediator_decides_and_publishes_anonymised_precedent(mediator):
    mission = f.mission(state="delivered")
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    dispute = services.dispute_open(
        mission=mission, by=seller, statement="Pas de réponse"
    )
    services.dispute_propose(
        dispute=dispute, by=mediator, resolution="Payer", outcome="complete"
    )
    services.dispute_reject_proposal(dispute=dispute, by=buyer)
    dispute.refresh_from_db()
    assert dispute.state == Dispute.State.ANSWERED
    name = mission.organization.name
    services.dispute_decide(
        dispute=dispute,
        by=mediator,
        decision="Livraison conforme",
        outcome="complete",
        precedent=f"{name} n'a pas répondu à {mission.expert.display_name}.",
    )
    dispute.refresh_from_db(), mission.refresh_from_db()
    assert dispute.state == Dispute.State.DECIDED
    assert mission.state == Mission.State.COMPLETED
    assert (
        name not in dispute.precedent
        and mission.expert.display_name not in dispute.precedent
    )
    assert dispute.precedent_published_at


@covers("Mission.settle_cancel")
def test_decision_can_cancel(mediator):
    mission = f.mission(state="active")
    dispute = services.dispute_open(
        mission=mission, by=f.seller_of(mission), statement="x"
    )
    services.dispute_decide(
        dispute=dispute, by=mediator, decision="Arrêt", outcome="cancel"
    )
    mission.refresh_from_db()
    assert mission.state == Mission.State.CANCELLED


def test_mediator_is_never_a_member_of_a_party():
    from django.contrib.auth.models import Group

    mission = f.mission(state="active")
    buyer = f.buyer_of(mission)
    buyer.groups.add(Group.objects.get(name="mediator"))
    dispute = services.dispute_open(
        mission=mission, by=f.seller_of(mission), statement="x"
    )
    assert dispute.mediator is None
    assert not services.mediator_eligible(mission=mission, user=buyer)


# --- reviews and invoices -----------------------------------------------------------------------


def test_reviews_are_double_blind():
    mission = f.mission(state="completed")
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    first = services.review_write(
        mission=mission,
        by=buyer,
        ratings={"quality": 5, "communication": 4, "deadlines": 5},
        text="Très bien",
    )
    first.refresh_from_db()
    assert first.published_at is None
    services.review_write(
        mission=mission,
        by=seller,
        ratings={"clarity": 4, "communication": 4, "payment": 5},
        text="Client clair",
    )
    first.refresh_from_db()
    assert first.published_at is not None


def test_review_window_publishes_single_review():
    mission = f.mission(state="completed")
    review = services.review_write(
        mission=mission,
        by=f.buyer_of(mission),
        ratings={"quality": 3, "communication": 3, "deadlines": 3},
        text="Correct",
    )
    later = mission.reviews_due_at + dt.timedelta(minutes=1)
    assert timers.reviews_window_end(now=later) == 1
    assert timers.reviews_window_end(now=later) == 0
    review.refresh_from_db()
    assert review.published_at is not None


def test_invoice_declared_and_payment_confirmed_no_commission():
    from missions.selectors import value_figures

    mission = f.mission(state="active")
    invoice = services.invoice_declare(
        mission=mission,
        by=f.seller_of(mission),
        number="F-001",
        amount_cents=450_000,
        issued_on=timezone.localdate(),
    )
    with pytest.raises(PermissionDenied):
        services.invoice_confirm_payment(
            invoice=invoice, by=f.seller_of(mission), paid_on=timezone.localdate()
        )
    services.invoice_confirm_payment(
        invoice=invoice, by=f.buyer_of(mission), paid_on=timezone.localdate()
    )
    figures = value_figures()
    assert figures["value_paid_cents"] == 450_000
    assert figures["platform_share_cents"] == 0
    assert figures["value_contracted_cents"] == mission.agreed_value_cents
