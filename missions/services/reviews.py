"""Reviews: each party rates the other; both are published together."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace.models import User

from .. import effects, selectors
from .. import notifications as kinds
from ..models import CRITERIA, Mission, Review, side_of
from ..reputation import review_overall
from .locks import mission_select_for_update
from .permissions import acting_member


@transaction.atomic
def review_write(*, mission: Mission, by: User, ratings: dict, text: str) -> Review:
    """One party reviews the other; both reviews are published once the second is written."""
    mission = mission_select_for_update(mission.pk)
    member = acting_member(by)
    side = side_of(mission, member)
    if side is None:
        raise PermissionDenied(_("Only the parties review a mission."))
    if (
        mission.state != Mission.State.COMPLETED
        or mission.reviews_published_at is not None
    ):
        raise Refusal(_("Reviews are written after completion, within the window."))
    criteria = CRITERIA[side]
    if set(ratings) != set(criteria) or not all(
        isinstance(value, int) and 1 <= value <= 5 for value in ratings.values()
    ):
        raise ValidationError({"ratings": _("Rate every criterion from 1 to 5.")})
    if Review.objects.filter(mission=mission, author_side=side).exists():
        raise Refusal(_("You already reviewed this mission."))
    review = Review(
        mission=mission,
        author=member,
        author_side=side,
        ratings=ratings,
        rating=review_overall(ratings),
        text=text,
    )
    review.full_clean(exclude=["mission", "author"])
    review.save()
    effects.audit(actor=by, action="review.written", target=review)
    if Review.objects.filter(mission=mission).count() == 2:
        reviews_publish(mission=mission)
    return review


def reviews_publish(*, mission: Mission) -> int:
    """Publish a mission's reviews (second review written, or window over). Locked caller."""
    now = timezone.now()
    count = Review.objects.filter(mission=mission, published_at__isnull=True).update(
        published_at=now
    )
    mission.reviews_published_at = now
    mission.save(update_fields=["reviews_published_at", "updated_at"])
    effects.audit(
        actor=None,
        action="mission.reviews_published",
        target=mission,
        data={"count": count},
    )
    if count:
        effects.tell(
            [*selectors.company_members(mission.organization_id), mission.expert],
            kind=kinds.REVIEW,
            message=gettext_lazy("%(title)s: the reviews are published"),
            params={"title": mission.title},
            url=mission.get_absolute_url(),
        )
    return count
