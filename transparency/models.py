"""Platform costs (entered, approved by another treasurer) and sealed months."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel
from core.storage import private_storage


class PlatformCost(BaseModel):
    """One cost of running the platform, with its receipt.

    A treasurer enters it; another treasurer approves it (the database refuses
    the same person). Only approved costs are public. A cost is never edited:
    a correction is a reversing entry (`reverses`), of the opposite amount.
    """

    class Category(models.TextChoices):
        HOSTING = "hosting", _("Hosting")
        STAFF = "staff", pgettext_lazy("cost category", "Staff")
        PAYMENT_FEES = "payment_fees", _("Payment fees")
        LEGAL_TAX = "legal_tax", _("Legal and tax")
        OTHER = "other", pgettext_lazy("cost category", "Other")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    label = models.CharField(_("what it paid for"), max_length=200)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    incurred_on = models.DateField(_("date of the receipt"))
    receipt = models.FileField(
        pgettext_lazy("cost", "receipt"),
        storage=private_storage,
        upload_to="costs/%Y/%m/",
        blank=True,
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("platform cost")
        verbose_name_plural = _("platform costs")
        ordering = ["incurred_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                name="platform_cost_four_eyes",
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("entered_by")),
            ),
            models.CheckConstraint(
                name="platform_cost_approval_dated",
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
            ),
            models.CheckConstraint(
                name="platform_cost_sign",
                condition=Q(reverses__isnull=True, amount_cents__gt=0)
                | Q(reverses__isnull=False, amount_cents__lt=0),
            ),
        ]

    def __str__(self):
        return f"{self.category} {self.amount_cents} ({self.incurred_on})"


class SealedMonth(BaseModel):
    """One version of a closed month: every figure and file, frozen.

    `files` maps each file name of the month's data package to its exact text;
    `manifest` lists their sha256 and the previous month's manifest hash, so
    the months form a chain anyone can check. A correction is a new version
    with an erratum; the rows themselves are never changed (in PostgreSQL a
    trigger refuses any UPDATE or DELETE).
    """

    month = models.DateField(_("month"))  # the first day of the month
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    figures = models.JSONField(_("figures"))
    files = models.JSONField(_("files"))
    manifest = models.TextField(_("manifest"))
    manifest_sha256 = models.CharField(_("manifest SHA-256"), max_length=64)
    previous_sha256 = models.CharField(
        _("previous month's manifest SHA-256"), max_length=64, blank=True
    )
    erratum = models.TextField(_("erratum"), blank=True)
    data_as_of = models.DateTimeField(_("data as of"))

    class Meta(BaseModel.Meta):
        verbose_name = _("sealed month")
        verbose_name_plural = _("sealed months")
        ordering = ["month", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "version"], name="sealed_month_version_once"
            ),
            models.CheckConstraint(
                name="sealed_month_correction_explained",
                condition=Q(version=1) | ~Q(erratum=""),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="sealed_month_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} v{self.version}"
