"""An expert's reputation on their profile: the published reviews companies
wrote about them, the average per criterion and the count.

Registered on marketplace's profile page (`marketplace.profiles.sections`) in
MissionsConfig.ready(). Double blind holds: only published reviews count
(both written, or the window over). Nothing here names more than the viewer
may see: for a pseudonymous expert whose identity is not shown, neither the
client company nor the mission's title appears (either could identify them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from marketplace.profiles.sections import ProfileSection

from .models import CRITERIA, Mission, Review

REVIEWS_SHOWN = 10


@dataclass(frozen=True)
class CriterionAverage:
    key: str
    label: str
    average: Decimal  # one decimal, e.g. 4.5
    count: int

    @property
    def percent(self) -> int:
        """The average as a share of 5, for a bar (0 to 100)."""
        return int(self.average * 20)


@dataclass(frozen=True)
class ReviewSummary:
    count: int
    average: Decimal | None  # mean of each review's own mean, one decimal
    criteria: tuple[CriterionAverage, ...]


def one_decimal(value) -> Decimal:
    """Half up, as people round (4.25 -> 4.3), never banker's rounding."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def review_summary(
    ratings: Iterable[Mapping[str, int]], *, side: str = Mission.Side.COMPANY
) -> ReviewSummary:
    """Count, overall average and average per criterion of reviews' ratings.

    Pure: fed the `ratings` dicts of published reviews. Each criterion is
    averaged over the reviews that rate it; the overall average is the mean
    of each review's exact mean, not of the rounded `Review.rating` (which
    would drift: 4.33 and 4.67 stored as 4 and 5).
    """
    ratings = [dict(item) for item in ratings if item]
    criteria = []
    for key, label in CRITERIA[side].items():
        values = [item[key] for item in ratings if isinstance(item.get(key), int)]
        if values:
            criteria.append(
                CriterionAverage(
                    key=key,
                    label=str(label),
                    average=one_decimal(Decimal(sum(values)) / len(values)),
                    count=len(values),
                )
            )
    means = [Decimal(sum(item.values())) / len(item) for item in ratings]
    return ReviewSummary(
        count=len(ratings),
        average=one_decimal(sum(means) / len(means)) if means else None,
        criteria=tuple(criteria),
    )


def review_overall(ratings: Mapping[str, int]) -> int:
    """A review's overall rating: the mean of its criteria, rounded half up
    (4.5 -> 5; Python's round() would give 4)."""
    mean = Decimal(sum(ratings.values())) / len(ratings)
    return int(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def published_reviews_of(*, expert_id) -> list[Review]:
    """Reviews companies wrote about the expert (a Member id), once published."""
    return list(
        Review.objects.filter(
            mission__expert_id=expert_id,
            author_side=Mission.Side.COMPANY,
            published_at__isnull=False,
        )
        .select_related("mission__organization")
        .order_by("-published_at", "-pk")
    )


def reviews_section(*, profile, viewer, card) -> ProfileSection | None:
    """The profile's reviews: summary and the latest published reviews."""
    reviews = published_reviews_of(expert_id=profile.member_id)
    summary = review_summary(review.ratings for review in reviews)
    shown = card.identity_shown
    lines = [
        {
            "text": review.text,
            "rating": one_decimal(
                Decimal(sum(review.ratings.values())) / len(review.ratings)
            ),
            "published_at": review.published_at,
            # who and what: only when the viewer may know who the expert is
            "client": review.mission.organization.name if shown else "",
            "mission": review.mission.title if shown else "",
        }
        for review in reviews[:REVIEWS_SHOWN]
    ]
    return ProfileSection(
        template="marketplace/includes/profile_reviews.html",
        context={
            "summary": summary,
            "reviews": lines,
            "more": max(summary.count - REVIEWS_SHOWN, 0),
            "identity_shown": shown,
        },
        place="aside",
        order=10,
    )
