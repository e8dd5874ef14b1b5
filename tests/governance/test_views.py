import pytest
from django.urls import reverse

from core.models import RuleVersion
from governance import services
from governance.models import Ballot, Motion, VoterRoll
from tests.factories import ExpertFactory

from .factories import after, in_voting, rule_motion, text_motion, voter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages default to French; these tests read the English msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_motion_list_is_public_and_query_count_is_flat(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        rule_motion()
    in_voting(text_motion())
    with django_assert_max_num_queries(6):
        response = client.get(reverse("governance:motions"))
    assert response.status_code == 200
    assert response.content.count(b"Change a rule") == 3


def test_draft_a_rule_motion_through_the_page(client):
    member = voter()
    client.force_login(member.user)
    response = client.post(
        reverse("governance:motion_create"),
        {
            "kind": "rules",
            "title": "Cheaper experts",
            "rationale": "More experts",
            "rule": "fees.expert.yearly_cents",
            "value": "9000",
        },
    )
    motion = Motion.objects.get()
    assert response.status_code == 302 and motion.changes == {
        "fees.expert.yearly_cents": 9000
    }


def test_out_of_bounds_value_is_refused_by_the_page(client):
    client.force_login(voter().user)
    response = client.post(
        reverse("governance:motion_create"),
        {
            "kind": "rules",
            "title": "Weights",
            "rationale": "x",
            "rule": "governance.college_weights",
            "value": '{"companies": 60, "experts": 30, "founders": 10}',
        },
    )
    assert response.status_code == 200 and not Motion.objects.exists()
    error = response.context["form"].errors["value"][0]
    assert "10 %" in error and "50 %" in error  # the registry's SCIC bounds


def test_motion_page_shows_timeline(client, django_assert_max_num_queries):
    motion = in_voting()
    client.force_login(motion.author.user)
    with django_assert_max_num_queries(25):
        response = client.get(motion.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "motion.vote_opened" in page and "Change my ballot" not in page


def test_vote_page_gives_receipt_then_refuses_second_session(client):
    motion = in_voting()
    member = voter()
    client.force_login(member.user)
    url = reverse("governance:motion_vote", args=[motion.pk])
    response = client.post(url, {"choice": "for"})
    assert response.status_code == 200
    assert response.context["receipt"]
    from django.test import Client

    other = Client()
    other.force_login(member.user)
    other.cookies["django_language"] = "en"
    response = other.post(url, {"choice": "against"}, follow=True)
    assert response.status_code == 200 and not response.redirect_chain
    assert "already voted" in response.content.decode()
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["for"]


def test_vote_page_refuses_member_without_membership(client):
    motion = in_voting()
    client.force_login(ExpertFactory().user)
    response = client.post(
        reverse("governance:motion_vote", args=[motion.pk]), {"choice": "for"}
    )
    # the ballot page renders again (200) with the refusal in its messages
    assert response.status_code == 200 and response.context["receipt"] is None
    assert "active membership" in response.content.decode()
    assert not VoterRoll.objects.exists() and not Ballot.objects.exists()


def test_results_hidden_until_close_then_public_with_receipt_check(client):
    motion = in_voting()
    member = voter()
    receipt = services.ballot_cast(
        motion=motion, member=member, choice="for", now=motion.voting_opens_at
    )
    url = reverse("governance:motion_results", args=[motion.pk])
    assert client.get(url).status_code == 404
    services.motion_close(motion=motion, now=after(motion))
    response = client.get(url, {"receipt": receipt})
    assert response.status_code == 200
    assert "Your ballot is in the published list" in response.content.decode()
    listing = client.get(reverse("governance:motion_ballots", args=[motion.pk]))
    assert listing.status_code == 200
    assert listing["Content-Type"] == "application/json"
    assert motion.result.digest in response.content.decode()


def test_rules_page_links_each_change_to_its_motion_and_tally(client):
    motion = in_voting()
    for college in ("experts", "companies", "founders"):
        services.ballot_cast(
            motion=motion,
            member=voter(college),
            choice="for",
            now=motion.voting_opens_at,
        )
    motion = services.motion_close(motion=motion, now=after(motion))
    services.motion_enact(motion=motion, now=motion.effective_at)
    page = client.get(reverse("governance:rule", args=["fees.expert.yearly_cents"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        motion.title in text
        and reverse("governance:motion_results", args=[motion.pk]) in text
    )
    assert RuleVersion.objects.filter(motion=motion).count() == 1


def test_dashboard_shows_open_votes_and_motions_due_for_review(client):
    import datetime as dt

    from django.utils import timezone

    member = voter()
    client.force_login(member.user)
    voting = in_voting()
    reviewed = services.motion_create(
        author=voter(),
        kind="text",
        title="Welcome experts from abroad",
        rationale="r",
        text="t",
        review_on=timezone.localdate() - dt.timedelta(days=1),
        indicator="voters.experts",
    )
    reviewed = in_voting(reviewed)
    for college in ("experts", "companies", "founders"):
        services.ballot_cast(
            motion=reviewed,
            member=voter(college),
            choice="for",
            now=reviewed.voting_opens_at,
        )
    services.motion_close(motion=reviewed, now=after(reviewed))
    page = client.get(reverse("dashboard")).content.decode()
    assert voting.title in page and "Welcome experts from abroad" in page
    assert "Voters in the experts college" in page


def test_review_needs_date_and_known_indicator():
    from django.core.exceptions import ValidationError

    for kwargs in ({"indicator": "voters.experts"}, {"indicator": "nope"}):
        with pytest.raises(ValidationError):
            services.motion_create(
                author=voter(),
                kind="text",
                title="t",
                rationale="r",
                text="x",
                **kwargs,
            )


def test_author_edits_draft_through_the_page(client):
    motion = rule_motion()
    client.force_login(motion.author.user)
    url = reverse("governance:motion_edit", args=[motion.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "rules",
            "title": "Cheaper still",
            "rationale": "r",
            "rule": "fees.expert.yearly_cents",
            "value": "8000",
        },
    )
    assert response.status_code == 302
    motion.refresh_from_db()
    assert (motion.title, motion.changes) == (
        "Cheaper still",
        {"fees.expert.yearly_cents": 8000},
    )
