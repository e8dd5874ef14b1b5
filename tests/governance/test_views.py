import re

import pytest
from django.urls import reverse

from core.models import RuleVersion
from governance import selectors, services
from governance.models import Ballot, Motion, VoterRoll
from tests.factories import ExpertFactory

from .factories import (
    after,
    in_deliberation,
    in_voting,
    rule_motion,
    text_motion,
    voter,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages default to French; these tests read the English msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_motion_list_is_public_and_query_count_is_flat(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        in_deliberation(rule_motion())
    rule_motion(title="A draft")  # a draft is its author's: not listed
    in_voting(text_motion())
    with django_assert_max_num_queries(6):
        response = client.get(reverse("governance:motions"))
    assert response.status_code == 200
    assert response.content.count(b"Change a rule") == 3
    assert b"A draft" not in response.content


FEE = "value__fees__expert__yearly_cents"
WEIGHTS = "value__governance__college_weights__"


def _fee_motion(**extra):
    return {
        "kind": "rules",
        "title": "Cheaper experts",
        "rationale": "More experts",
        "rule": "fees.expert.yearly_cents",
        FEE: "90",
        **extra,
    }


def test_draft_a_rule_motion_typed_in_euros_is_checked_then_saved_in_cents(client):
    member = voter()
    client.force_login(member.user)
    url = reverse("governance:motion_create")
    # the check step: a sentence from the current value to the new one
    response = client.post(url, _fee_motion())
    assert response.status_code == 200 and not Motion.objects.exists()
    page = response.content.decode()
    assert "“Yearly membership of an expert” goes from €120.00 to €90.00." in page
    response = client.post(url, _fee_motion(confirm="1"))
    motion = Motion.objects.get()
    assert response.status_code == 302 and motion.changes == {
        "fees.expert.yearly_cents": 9000
    }


def test_change_from_the_check_step_goes_back_to_the_filled_form(client):
    client.force_login(voter().user)
    url = reverse("governance:motion_create")
    response = client.post(url, _fee_motion(change="1"))
    assert response.status_code == 200 and not Motion.objects.exists()
    assert response.context["form"][FEE].value() == "90"


def test_the_check_step_speaks_french_money(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(voter().user)
    page = client.post(reverse("governance:motion_create"), _fee_motion())
    nbsp = "\u00a0"
    expected = f"«{nbsp}Cotisation annuelle d'un expert{nbsp}» passe de 120,00{nbsp}€"
    assert expected in page.content.decode().replace("&#x27;", "'")


def test_a_fee_with_cents_in_french_is_read_as_euros(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(voter().user)
    client.post(
        reverse("governance:motion_create"), _fee_motion(confirm="1", **{FEE: "90,50"})
    )
    assert Motion.objects.get().changes == {"fees.expert.yearly_cents": 9050}


def test_weights_that_do_not_add_up_to_100_are_refused_and_nothing_is_saved(client):
    client.force_login(voter().user)
    response = client.post(
        reverse("governance:motion_create"),
        {
            "kind": "rules",
            "title": "Weights",
            "rationale": "x",
            "rule": "governance.college_weights",
            WEIGHTS + "companies": "40",
            WEIGHTS + "experts": "40",
            WEIGHTS + "founders": "15",
            "confirm": "1",
        },
    )
    assert response.status_code == 200 and not Motion.objects.exists()
    errors = response.context["form"].errors[WEIGHTS + "companies"]
    assert errors == ["The weights add up to 95 %: they must add up to exactly 100 %."]
    # the error summary links to the field
    assert f'href="#id_{WEIGHTS}companies"' in response.content.decode()


def test_out_of_bounds_weight_is_refused_by_the_page(client):
    client.force_login(voter().user)
    response = client.post(
        reverse("governance:motion_create"),
        {
            "kind": "rules",
            "title": "Weights",
            "rationale": "x",
            "rule": "governance.college_weights",
            WEIGHTS + "companies": "60",
            WEIGHTS + "experts": "30",
            WEIGHTS + "founders": "10",
        },
    )
    assert response.status_code == 200 and not Motion.objects.exists()
    error = response.context["form"].errors[WEIGHTS + "companies"][0]
    assert "10 %" in error and "50 %" in error  # the registry's SCIC bounds


def test_weights_adding_up_to_100_are_previewed_and_saved(client):
    client.force_login(voter().user)
    data = {
        "kind": "rules",
        "title": "Weights",
        "rationale": "x",
        "rule": "governance.college_weights",
        WEIGHTS + "companies": "35",
        WEIGHTS + "experts": "45",
        WEIGHTS + "founders": "20",
    }
    url = reverse("governance:motion_create")
    preview = client.post(url, data).content.decode()
    assert "experts 45 %" in preview
    client.post(url, {**data, "confirm": "1"})
    assert Motion.objects.get().changes == {
        "governance.college_weights": {"companies": 35, "experts": 45, "founders": 20}
    }


def test_a_fee_out_of_bounds_says_the_bounds_in_euros(client):
    client.force_login(voter().user)
    response = client.post(
        reverse("governance:motion_create"), _fee_motion(**{FEE: "20000"})
    )
    assert not Motion.objects.exists()
    error = response.context["form"].errors[FEE][0]
    assert error == "Type a value between €0.00 and €10,000.00."


def test_no_rule_key_on_the_governance_pages(client):
    motion = in_voting()
    client.force_login(motion.author.user)
    pages = [
        reverse("governance:rules"),
        reverse("governance:rule", args=["fees.expert.yearly_cents"]),
        reverse("governance:motions"),
        motion.get_absolute_url(),
        reverse("governance:motion_create"),
    ]
    for url in pages:
        text = client.get(url).content.decode()
        visible = re.sub(r"<[^>]+>", " ", text)  # attributes may carry keys
        assert not re.search(r"\b[a-z]+\.[a-z_]+\.[a-z_]+\b", visible), url
        assert "fees.expert" not in visible and "college_weights" not in visible
    preview = client.post(reverse("governance:motion_create"), _fee_motion())
    assert "fees.expert" not in re.sub(r"<[^>]+>", " ", preview.content.decode())


def test_gate_shows_before_the_motion_form_for_a_member_without_membership(client):
    client.force_login(ExpertFactory().user)
    response = client.get(reverse("governance:motion_create"))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="pay-by-transfer"' in page and "<form" in page
    assert 'name="title"' not in page


def test_inactive_member_is_told_why_they_cannot_vote_instead_of_a_vote_button(
    client,
):
    motion = in_voting()
    client.force_login(ExpertFactory().user)
    page = client.get(motion.get_absolute_url()).content.decode()
    assert 'id="cannot-vote"' in page and 'href="/billing/"' in page
    assert reverse("governance:motion_vote", args=[motion.pk]) not in page
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("governance:motion_vote", args=[motion.pk]) not in dashboard
    assert services is not None and selectors.votes_awaiting(None) == []


def test_voter_is_invited_to_vote_on_the_motion_page(client):
    motion = in_voting()
    member = voter()
    client.force_login(member.user)
    page = client.get(motion.get_absolute_url()).content.decode()
    assert reverse("governance:motion_vote", args=[motion.pk]) in page
    assert 'id="cannot-vote"' not in page
    assert selectors.votes_awaiting(member) == [motion]


def test_withdrawing_asks_first_and_says_what_happens(client):
    motion = rule_motion()
    client.force_login(motion.author.user)
    url = reverse("governance:motion_action", args=[motion.pk, "withdraw"])
    # the motion page's form asks in a dialog (data-confirm), saying what happens
    page = client.get(motion.get_absolute_url()).content.decode()
    assert f'action="{url}" data-confirm="' in page
    # without the dialog's yes, a page asks the same question and nothing changes
    asked = client.post(url)
    assert asked.status_code == 200 and "cannot be reopened" in asked.content.decode()
    motion.refresh_from_db()
    assert motion.state == "draft"
    client.post(url, {"confirmed": "1"})
    motion.refresh_from_db()
    assert motion.state == "withdrawn"


def test_motion_page_shows_timeline(client, django_assert_max_num_queries):
    motion = in_voting()
    client.force_login(motion.author.user)
    with django_assert_max_num_queries(25):
        response = client.get(motion.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "put the motion to vote." in page and "Change my ballot" not in page
    assert "motion.vote_opened" not in page


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
    url = reverse("governance:motion_vote", args=[motion.pk])
    # the gate answers before the ballot form, at GET as at POST
    for response in (client.get(url), client.post(url, {"choice": "for"})):
        assert response.status_code == 403
        page = response.content.decode()
        assert "active membership" in page and 'id="pay-by-transfer"' in page
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
    form = client.get(url).context["form"]
    assert form[FEE].value() == "90"  # the draft's 9 000 cents, in euros
    response = client.post(
        url,
        {
            "kind": "rules",
            "title": "Cheaper still",
            "rationale": "r",
            "rule": "fees.expert.yearly_cents",
            FEE: "80",
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    motion.refresh_from_db()
    assert (motion.title, motion.changes) == (
        "Cheaper still",
        {"fees.expert.yearly_cents": 8000},
    )


def test_amendment_of_a_fee_is_typed_in_euros(client):
    from governance.models import Amendment

    from .factories import in_deliberation

    motion = in_deliberation(rule_motion())
    client.force_login(voter().user)
    page = client.get(motion.get_absolute_url()).content.decode()
    assert "Yearly membership of an expert, in euros" in page
    client.post(
        reverse("governance:amendment_propose", args=[motion.pk]),
        {"rationale": "A little less", FEE: "85"},
    )
    assert Amendment.objects.get().changes == {"fees.expert.yearly_cents": 8500}
