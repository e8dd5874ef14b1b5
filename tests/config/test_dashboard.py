"""The dashboard as a page of next steps: checklist per community, what waits, counts."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from billing import services as billing_services
from core import dashboard as registry
from core import navigation
from core.dashboard import STEP, WAITING
from marketplace.models.profiles import PublicationStatus
from messaging import services as messaging_services
from tests.factories import CompanyMemberFactory, ExpertFactory, UserFactory, paid
from tests.governance import factories as governance_factories
from tests.messaging.conversation_factories import proposal_conversation
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def board_for(member=None, user=None):
    request = RequestFactory().get("/dashboard/")
    request.user = user or member.user
    with translation.override("en"):
        return registry.items_for(request, member)


def labels(items):
    # labels are lazy: read them in the language the board was built in, not in
    # whatever language an earlier test left active in this thread
    with translation.override("en"):
        return [str(item.label) for item in items]


def counts(items):
    return dict(zip(labels(items), (item.count for item in items), strict=True))


def nav_for(user, member):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    with translation.override("en"):
        return navigation.items_for(request, member)


def test_every_app_registers_dashboard_and_navigation_providers():
    modules = {provider.__module__ for provider in registry.providers()}
    assert {
        "marketplace.dashboard",
        "billing.dashboard",
        "missions.dashboard",
        "messaging.dashboard",
        "governance.dashboard",
    } <= modules
    nav_modules = {provider.__module__ for provider in navigation.providers()}
    assert {
        "marketplace.navigation",
        "billing.navigation",
        "missions.navigation",
        "messaging.navigation",
        "governance.navigation",
    } <= nav_modules


def test_new_company_member_sees_three_steps_none_done():
    member = CompanyMemberFactory(organization__description="")
    board = board_for(member)
    assert labels(board.steps) == [
        "Describe your organization",
        "Pay your yearly membership",
        "Publish your first need",
    ]
    assert board.steps_done == 0 and board.show_checklist
    assert all(step.kind == STEP for step in board.steps)


def test_new_expert_sees_profile_membership_and_first_proposal():
    board = board_for(ExpertFactory())
    assert labels(board.steps) == [
        "Publish your expert profile",
        "Pay your yearly membership",
        "Send your first proposal",
    ]


def test_company_checklist_hides_once_complete():
    member = paid(CompanyMemberFactory(organization__description="Menuiserie"))
    f.need_published(member)
    board = board_for(member)
    assert board.steps_done == 3 and board.checklist_complete
    assert not board.show_checklist


def test_expert_checklist_counts_done_steps():
    expert = paid(ExpertFactory())
    f.proposal(by=expert)
    board = board_for(expert)
    assert [step.done for step in board.steps] == [False, True, True]
    assert board.show_checklist


def test_expert_with_published_profile_has_that_step_done(client):
    expert = ExpertFactory()
    from marketplace.models import ExpertProfile

    ExpertProfile.objects.create(member=expert, status=PublicationStatus.PUBLISHED)
    board = board_for(expert)
    assert board.steps[0].done


def test_company_waits_for_proposals_and_deliveries_with_counts():
    mission = f.mission(state="delivered")
    buyer = mission.need.author
    f.proposal(need=f.need_published(buyer))
    f.proposal(need=f.need_published(buyer))
    waiting = counts(board_for(buyer).waiting)
    assert waiting["2 proposals waiting for your decision"] == 2
    assert waiting["1 delivery to review"] == 1
    assert all(
        item.kind == WAITING and item.count > 0 for item in board_for(buyer).waiting
    )


def test_expert_waits_for_mission_to_confirm():
    mission = f.mission(state="awarded")
    waiting = labels(board_for(mission.expert).waiting)
    assert "1 mission to confirm" in waiting


def test_unread_messages_are_counted():
    conversation, company, expert = proposal_conversation()
    messaging_services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    )
    messaging_services.message_send(
        conversation=conversation, author=company, body="Êtes-vous disponible ?"
    )
    waiting = counts(board_for(expert).waiting)
    assert waiting["2 unread messages"] == 2


def test_open_vote_waits_for_a_voter_until_they_vote():
    motion = governance_factories.in_voting()
    member = governance_factories.voter()
    assert f"Vote on “{motion.title}”" in labels(board_for(member).waiting)
    inactive = ExpertFactory()
    assert not any("vote" in label for label in labels(board_for(inactive).waiting))
    assert motion.pk


def test_treasurer_sees_transfers_to_record():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="treasurer")[0])
    billing_services.transfer_request(member=ExpertFactory())
    board = board_for(member=None, user=user)
    assert labels(board.waiting) == ["1 bank transfer to record"]
    assert board.waiting[0].url == reverse("billing:treasury")
    assert board.steps == []


def test_nothing_waiting_shows_the_empty_state(client):
    expert = paid(ExpertFactory())
    client.force_login(expert.user)
    html = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nothing waits for you right now." in html
    assert reverse("missions:needs") in html


def test_dashboard_page_lists_steps_and_waiting_items(client):
    mission = f.mission(state="delivered")
    buyer = mission.need.author
    client.force_login(buyer.user)
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("dashboard")).content.decode()
    assert "Ce qui vous attend" in html
    assert "1 livraison à examiner" in html


def test_navigation_fits_the_role():
    company = CompanyMemberFactory()
    expert = ExpertFactory()
    main = [i for i in nav_for(company.user, company) if i.section == navigation.MAIN]
    assert labels(main) == [
        "Dashboard",
        "My needs",
        "Missions",
        "Experts",
        "Conversations",
        "Governance",
        "Open accounts",
    ]
    expert_labels = labels(nav_for(expert.user, expert))
    assert {"Needs for me", "My proposals", "My profile"} <= set(expert_labels)
    assert "My needs" not in expert_labels


def test_navigation_for_visitors_and_staff():
    from django.contrib.auth.models import AnonymousUser

    visitor = labels(nav_for(AnonymousUser(), None))
    # (the public site's menu pages come between them when the site has some)
    assert visitor == [
        "How it works",
        "Rules",
        "Open accounts",
        "Search",
        "Sign in",
        "Join",
    ]
    assert not [
        i for i in nav_for(AnonymousUser(), None) if i.section == navigation.STAFF
    ]
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get_or_create(name="treasurer")[0])
    items = nav_for(staff, None)
    staff_labels = set(labels(i for i in items if i.section == navigation.STAFF))
    assert {"Treasury", "Administration", "Public site editor"} <= staff_labels


def test_unread_badge_in_the_navigation_says_what_it_counts(client):
    conversation, company, expert = proposal_conversation()
    messaging_services.message_send(
        conversation=conversation, author=company, body="Bonjour"
    )
    client.force_login(expert.user)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("dashboard")).content.decode()
    assert "(1 unread)" in html


def test_active_entry_is_marked_current_page(client):
    member = CompanyMemberFactory()
    client.force_login(member.user)
    html = client.get(reverse("missions:needs")).content.decode()
    assert f'href="{reverse("missions:needs")}" aria-current="page"' in html
