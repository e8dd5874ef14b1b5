"""Double-blind reviews written by each party after completion."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from marketplace.models import Member

from .missions import Mission

# criteria each side rates the other on (1 to 5)
CRITERIA = {
    # written by the company about the expert
    "company": {
        "quality": _("quality of the work"),
        "communication": _("communication"),
        "deadlines": _("respect of deadlines"),
    },
    # written by the expert about the company
    "expert": {
        "clarity": _("clarity of the need"),
        "communication": _("communication"),
        "payment": _("payment on time"),
    },
}


class Review(BaseModel):
    """One party's review of the other. Hidden until both are written or the window ends."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="reviews_written"
    )
    author_side = models.CharField(max_length=10, choices=Mission.Side.choices)
    ratings = models.JSONField(_("ratings"))
    rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), max_length=5_000)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "author_side"], name="review_once_per_side"
            ),
            models.CheckConstraint(
                name="review_rating_1_5", condition=Q(rating__gte=1, rating__lte=5)
            ),
        ]

    def __str__(self):
        return f"{self.mission} · {self.author_side}"
