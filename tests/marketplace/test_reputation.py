"""Reviews on the expert's profile: only published ones, with correct averages,
and nothing that names more than the viewer may see."""

from decimal import Decimal

import pytest
from django.urls import reverse

from missions import services as mission_services
from missions.reputation import review_overall, review_summary
from tests.marketplace.factories import ProfileFactory
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_summary_averages_each_criterion_and_the_exact_review_means():
    summary = review_summary(
        [
            {"quality": 5, "communication": 4, "deadlines": 4},  # mean 4.33
            {"quality": 4, "communication": 5, "deadlines": 5},  # mean 4.67
            {"quality": 3, "communication": 3, "deadlines": 4},  # mean 3.33
        ]
    )
    assert summary.count == 3
    by_key = {c.key: c.average for c in summary.criteria}
    assert by_key == {
        "quality": Decimal("4.0"),
        "communication": Decimal("4.0"),
        "deadlines": Decimal("4.3"),
    }
    # the mean of exact means (12.33 / 3 = 4.11), not of rounded ratings (4, 5, 3 = 4.0)
    assert summary.average == Decimal("4.1")


def test_summary_of_no_review_is_empty():
    summary = review_summary([])
    assert summary.count == 0 and summary.average is None and summary.criteria == ()


def test_overall_rating_rounds_half_up_not_to_even():
    # Python's round(4.5) is 4: a 4 and a 5 must give 5
    assert review_overall({"quality": 4, "communication": 5}) == 5
    assert review_overall({"quality": 2, "communication": 3}) == 3
    assert review_overall({"quality": 5, "communication": 4, "deadlines": 4}) == 4


def _completed_with_reviews(company_ratings, *, both=True):
    mission = f.mission(state="completed")
    buyer, seller = f.buyer_of(mission), f.seller_of(mission)
    mission_services.review_write(
        mission=mission, by=buyer, ratings=company_ratings, text="Travail soigné."
    )
    if both:
        mission_services.review_write(
            mission=mission,
            by=seller,
            ratings={"clarity": 4, "communication": 4, "payment": 5},
            text="Client clair.",
        )
    return mission


def test_profile_shows_published_reviews_with_averages_and_count(client):
    mission = _completed_with_reviews(
        {"quality": 5, "communication": 4, "deadlines": 4}
    )
    profile = ProfileFactory(member=mission.expert)
    client.force_login(f.buyer_of(mission))
    page = client.get(reverse("marketplace:profile", args=[profile.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Travail soigné." in text
    assert "1 avis" in text
    assert "4,3" in text or "4.3" in text  # overall 13 / 3
    assert "Qualité du travail" in text
    assert "Client clair." not in text  # the expert's review of the company


def test_unpublished_review_stays_off_the_profile(client):
    mission = _completed_with_reviews(
        {"quality": 2, "communication": 2, "deadlines": 2}, both=False
    )
    profile = ProfileFactory(member=mission.expert)
    client.force_login(f.buyer_of(mission))
    text = client.get(reverse("marketplace:profile", args=[profile.pk])).content
    assert "Travail soigné." not in text.decode()
    assert "Aucun avis publié" in text.decode()


def test_reviews_of_a_pseudonymous_expert_name_neither_client_nor_mission(client):
    mission = _completed_with_reviews(
        {"quality": 5, "communication": 5, "deadlines": 5}
    )
    profile = ProfileFactory(
        member=mission.expert, pseudonymous=True, alias="Ingénieure qualité"
    )
    viewer = f.company()
    client.force_login(viewer.user)
    text = client.get(reverse("marketplace:profile", args=[profile.pk])).content
    text = text.decode()
    assert "Travail soigné." in text
    assert mission.organization.name not in text
    assert mission.title not in text
    assert mission.expert.display_name not in text
