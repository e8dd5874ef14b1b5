"""Opening a space: who may, what the form offers, bad input, one space per profession.

A practising expert (active membership, published profile showing the
profession at the level asked) proposes the space of a profession that has
none; a platform admin opens one and appoints practitioners. Everybody else
is kept out the way spaces keep people out (404), except an expert who lacks
only a membership or a profession without a space (403, with the reason).
"""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.refusals import Refusal
from marketplace.models import ExpertSkill, Skill
from spaces import services
from spaces.models import Membership, Space
from tests.conftest import postgres_only
from tests.factories import CompanyMemberFactory, ExpertFactory, UserFactory, paid
from tests.spaces.space_factories import FAMILY, OTHER_FAMILY, make_space, practitioner

pytestmark = pytest.mark.django_db

NEW = "/spaces/new/"
STAFF_NEW = "/spaces/staff/new/"


def client_for(user, language="en"):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def also_practises(member, family, level=ExpertSkill.Level.ADVANCED):
    ExpertSkill.objects.create(
        profile=member.profile,
        skill=Skill.objects.filter(category=family).first(),
        level=level,
    )
    return member


def proposal(**changes):
    data = {
        "profession": OTHER_FAMILY,
        "name": "Finance : contrôle et trésorerie",
        "description": "Entre contrôleurs de gestion et trésoriers.",
        "min_level": str(ExpertSkill.Level.PRACTITIONER),
        "charter": "Bienveillance et confidentialité.",
        "moderator_2": "",
        "moderator_3": "",
    }
    data.update(changes)
    return data


def counts():
    return Space.objects.count(), Membership.objects.count()


@pytest.fixture
def founder():
    """A paid expert practising Finance (no space yet) and Numérique (which has one)."""
    make_space()  # the Numérique space
    return paid(practitioner(family=OTHER_FAMILY))


# who may open the page ------------------------------------------------------


def test_visitors_company_members_and_non_experts_get_404(founder):
    staff = UserFactory(is_staff=True)
    company = paid(CompanyMemberFactory())
    for user in (None, company.user, staff):
        client = client_for(user)
        assert client.get(NEW).status_code == 404
        assert client.post(NEW, proposal()).status_code == 404
        assert client.get(STAFF_NEW).status_code == 404
        assert client.post(STAFF_NEW, proposal()).status_code == 404
    assert Space.objects.filter(family=OTHER_FAMILY).count() == 0


def test_expert_without_membership_gets_the_membership_gate(founder):
    unpaid = practitioner(family=OTHER_FAMILY)
    client = client_for(unpaid.user)
    page = client.get(NEW)
    assert page.status_code == 403
    assert "membership" in page.content.decode().lower()
    assert client.post(NEW, proposal()).status_code == 403
    assert not Space.objects.filter(family=OTHER_FAMILY).exists()
    # the service says the same, whatever the page
    with pytest.raises(Refusal) as refusal:
        services.space_propose(
            member=unpaid, family=OTHER_FAMILY, name="Finance", min_level=2
        )
    assert refusal.value.status == 403


def test_expert_practising_only_professions_with_a_space_is_told_so(founder):
    digital = paid(practitioner(family=FAMILY))
    no_profile = paid(ExpertFactory())
    for member in (digital, no_profile):
        client = client_for(member.user)
        page = client.get(NEW)
        assert page.status_code == 403
        assert "already has its space" in page.content.decode()
        assert client.post(NEW, proposal()).status_code == 403
    assert not Space.objects.filter(family=OTHER_FAMILY).exists()


def test_a_plain_staff_member_cannot_open_a_space_but_an_admin_can(founder):
    staff = UserFactory(is_staff=True)
    assert client_for(staff).get("/spaces/staff/").status_code == 404
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(admin)
    staff_page = client.get("/spaces/staff/").content.decode()
    assert STAFF_NEW in staff_page
    assert client.get(STAFF_NEW).status_code == 200


# the form -------------------------------------------------------------------


def test_profession_select_lists_only_professions_without_a_space_by_label(founder):
    also_practises(founder, "RH")
    also_practises(founder, FAMILY)
    page = client_for(founder.user, "fr").get(NEW).content.decode()
    assert '<option value="RH">Ressources humaines</option>' in page
    assert f'<option value="{OTHER_FAMILY}">Finance</option>' in page
    assert f'<option value="{FAMILY}"' not in page  # it has its space
    page = client_for(founder.user, "en").get(NEW).content.decode()
    assert '<option value="RH">Human resources</option>' in page
    assert ">RH<" not in page
    # join levels by name, the charter prefilled in the reader's language
    assert '<option value="2" selected>Practitioner</option>' in page
    assert "We speak as peers" in page
    page = client_for(founder.user, "fr").get(NEW).content.decode()
    assert "Nous parlons entre pairs" in page


def test_admin_select_lists_every_profession_without_a_space():
    make_space()
    admin = UserFactory(is_staff=True, is_superuser=True)
    page = client_for(admin).get(STAFF_NEW).content.decode()
    assert '<option value="Industrie">Industry</option>' in page
    assert f'<option value="{OTHER_FAMILY}">Finance</option>' in page
    assert f'<option value="{FAMILY}"' not in page


def test_moderator_picker_shows_aliases_never_names(founder):
    hidden = practitioner(
        family=OTHER_FAMILY, pseudonymous=True, alias="Contrôleuse B12"
    )
    hidden.display_name = "Nathalie Secret"
    hidden.save()
    open_peer = practitioner(family=OTHER_FAMILY)
    for user in (founder.user, UserFactory(is_staff=True, is_superuser=True)):
        url = NEW if user == founder.user else STAFF_NEW
        page = client_for(user).get(url).content.decode()
        assert (
            f'<option value="{hidden.pk}">Contrôleuse B12 · Advanced</option>' in page
        )
        assert "Nathalie Secret" not in page
        assert f">{open_peer.display_name} · Advanced</option>" in page
    # the proposer is not offered as their own co-moderator
    page = client_for(founder.user).get(NEW).content.decode()
    assert f'<option value="{founder.pk}"' not in page


# opening --------------------------------------------------------------------


def test_a_proposal_opens_the_space_with_its_author_as_moderator(founder):
    peer = practitioner(family=OTHER_FAMILY, pseudonymous=True, alias="Trésorier T4")
    client = client_for(founder.user)
    answer = client.post(NEW, proposal(moderator_2=str(peer.pk)))
    space = Space.objects.get(family=OTHER_FAMILY)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("spaces:charter", args=[space.pk])
    assert space.name == "Finance : contrôle et trésorerie"
    assert space.min_level == ExpertSkill.Level.PRACTITIONER
    assert space.charter == "Bienveillance et confidentialité."
    rows = Membership.objects.filter(space=space)
    assert {row.member_id for row in rows} == {founder.pk, peer.pk}
    deadline = timezone.localdate() + dt.timedelta(days=30)
    for row in rows:
        assert row.status == Membership.Status.ACTIVE
        assert row.role == Membership.Role.MODERATOR
        assert row.via == Membership.Via.APPOINTMENT
        assert row.confirm_by in (deadline, deadline - dt.timedelta(days=1))
        assert row.confirmed_at is None
    # the charter page tells the members to confirm them, under the alias
    charter = client.get(answer["Location"]).content.decode()
    assert "Trésorier T4" in charter and peer.display_name not in charter
    assert "secret vote" in charter  # the message with the date


def test_an_admin_opens_a_space_and_still_cannot_read_it():
    make_space()
    appointed = practitioner(family=OTHER_FAMILY)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(admin)
    answer = client.post(STAFF_NEW, proposal(moderator_1=str(appointed.pk)))
    assert answer.status_code == 302 and answer["Location"] == "/spaces/staff/"
    space = Space.objects.get(family=OTHER_FAMILY)
    row = Membership.objects.get(space=space)
    assert row.member == appointed and row.role == Membership.Role.MODERATOR
    assert row.confirm_by is not None
    assert client.get(reverse("spaces:space", args=[space.pk])).status_code == 404
    assert client.get(reverse("spaces:charter", args=[space.pk])).status_code == 404


# bad input changes nothing --------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"description": "x" * 301}, "at most 300 characters"),
        ({"charter": "Bien\x07veillance"}, "cannot be stored"),
        ({"name": "Fin\x00ance"}, "Null characters are not allowed"),
        ({"charter": "x" * 10_001}, "at most 10000 characters"),
        ({"profession": ""}, "This field is required"),
        ({"profession": FAMILY}, "not one of the available choices"),
        ({"profession": "Astrologie"}, "not one of the available choices"),
        ({"min_level": "9"}, "not one of the available choices"),
        ({"min_level": "deux"}, "not one of the available choices"),
        ({"min_level": str(ExpertSkill.Level.EXPERT)}, "level you chose"),
    ],
)
def test_bad_input_is_refused_clearly_and_creates_nothing(founder, changes, message):
    before = counts()
    page = client_for(founder.user).post(NEW, proposal(**changes))
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "There is a problem" in page.content.decode()
    assert counts() == before


def test_bad_co_moderators_are_refused_and_create_nothing(founder):
    digital = practitioner(family=FAMILY)  # another profession
    novice = practitioner(family=OTHER_FAMILY, level=ExpertSkill.Level.NOTIONS)
    peer = practitioner(family=OTHER_FAMILY)
    before = counts()
    client = client_for(founder.user)
    cases = [
        (proposal(moderator_2=str(digital.pk)), "not one of the available choices"),
        (proposal(moderator_2=str(founder.pk)), "not one of the available choices"),
        (proposal(moderator_2=str(peer.pk), moderator_3=str(peer.pk)), "named twice"),
        (proposal(moderator_2="not-an-id"), "not one of the available choices"),
        # practises Finance, but below the level the space requires
        (
            proposal(moderator_2=str(novice.pk), min_level="2"),
            "does not show it at the level required",
        ),
    ]
    for data, message in cases:
        page = client.post(NEW, data).content.decode()
        assert message in page, message
        assert counts() == before
    # the service checks again whatever the form offered
    with pytest.raises(Refusal):
        services.space_propose(
            member=founder, family=OTHER_FAMILY, name="Finance", min_level=2,
            other_moderators=[digital],
        )  # fmt: skip
    with pytest.raises(Refusal):
        services.space_propose(
            member=founder, family=OTHER_FAMILY, name="Finance", min_level=2,
            other_moderators=[peer, novice, digital],
        )  # fmt: skip
    assert counts() == before


def test_admin_must_appoint_a_practitioner(founder):
    admin = UserFactory(is_staff=True, is_superuser=True)
    before = counts()
    page = client_for(admin).post(STAFF_NEW, proposal()).content.decode()
    assert "This field is required" in page
    assert counts() == before
    with pytest.raises(Refusal):
        services.space_open(
            by=admin, family=OTHER_FAMILY, name="Finance", min_level=2, moderators=[]
        )
    assert counts() == before


def test_a_second_space_for_a_profession_is_refused():
    space, moderator = make_space()
    before = counts()
    with pytest.raises(Refusal) as refusal:
        services.space_create(name="Autre", family=space.family, moderators=[moderator])
    assert "already has its space" in str(refusal.value.message)
    assert counts() == before


# the entry point on « Peer spaces » -----------------------------------------


def test_spaces_list_offers_to_open_the_space_of_a_profession_without_one(founder):
    page = client_for(founder.user).get("/spaces/").content.decode()
    assert NEW in page and "Finance" in page
    digital = practitioner(family=FAMILY)
    page = client_for(digital.user).get("/spaces/").content.decode()
    assert NEW not in page


# races (PostgreSQL, real threads) -------------------------------------------


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_two_proposals_racing_for_a_profession_yield_one_space():
    make_space()
    founders = [paid(practitioner(family=OTHER_FAMILY)) for _ in range(4)]
    barrier = threading.Barrier(len(founders))
    results = []

    def propose(member):
        try:
            barrier.wait()
            results.append(
                services.space_propose(
                    member=member, family=OTHER_FAMILY, name="Finance", min_level=2
                )
            )
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=propose, args=(m,)) for m in founders]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(isinstance(result, Space) for result in results) == 1, results
    assert all(isinstance(result, (Space, Refusal)) for result in results), results
    space = Space.objects.get(family=OTHER_FAMILY)
    assert Membership.objects.filter(space=space).count() == 1
