"""The shared, bilingual skill taxonomy."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel

from .accounts import Member


class Skill(BaseModel):
    """One entry of the shared, bilingual skill taxonomy.

    Members propose entries; moderators approve them and merge duplicates
    (`merged_into` points to the entry that replaces this one).
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("skill status", "Proposed")
        """Suggested by a member; usable by them, listed for others once approved."""
        APPROVED = "approved", _("Approved")
        """Part of the taxonomy everyone picks from."""

    name_fr = models.CharField(_("name in French"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=130, unique=True)
    category = models.CharField(_("category"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    proposed_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name_fr"]
        constraints = [
            models.CheckConstraint(
                name="skill_not_merged_into_itself", condition=~Q(merged_into=F("id"))
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (English for "en", French otherwise)."""
        return (
            self.name_en if (get_language() or "fr").startswith("en") else self.name_fr
        )

    @property
    def is_usable(self) -> bool:
        return self.merged_into_id is None
