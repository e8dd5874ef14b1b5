"""Governance data: the versions of the platform's rules (motions and ballots come later)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.models import BaseModel


class RuleVersion(BaseModel):
    """One value of one rule, in force from `effective_at` until the next version.

    Written only by the rules registry: the defaults at migration time, and
    afterwards only the enactment of an adopted motion. Never edited.
    """

    key = models.CharField(_("rule"), max_length=80)
    value = models.JSONField(_("value"))
    effective_at = models.DateTimeField(_("in force from"))

    class Meta(BaseModel.Meta):
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["key", "effective_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_at"], name="rule_version_once"
            )
        ]

    def __str__(self):
        return f"{self.key} = {self.value} ({self.effective_at:%Y-%m-%d})"

    @property
    def is_default(self) -> bool:
        return not getattr(self, "motion_id", None)
