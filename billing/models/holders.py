"""The owner of a billing row: an expert, or an organization (never both)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from marketplace.models import Member, Organization


class Holder(BaseModel):
    """Who pays: an expert, or an organization for all its members."""

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("expert"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("organization"),
    )

    class Meta(BaseModel.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(class)s_one_holder",
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
            ),
        ]

    @property
    def holder(self) -> Member | Organization:
        return self.organization or self.member

    @property
    def community(self) -> str:
        return (
            Member.Community.COMPANY
            if self.organization_id
            else Member.Community.EXPERT
        )
