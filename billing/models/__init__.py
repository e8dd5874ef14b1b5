"""Memberships: the yearly subscriptions that are the platform's only income.

`billing.selectors.membership_status` is what the rest of the platform asks.
Around it: plans priced by the rules registry, the local mirror of Stripe
(customers, subscriptions, events), bank transfers, invoices numbered in one
unbroken sequence, and the append-only ledger the transparency page reads.

Nothing here refers to a mission: the platform's income never depends on the
business its members sign together.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from marketplace.models import Member, Organization, User


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


class Plan(BaseModel):
    """One price of one membership: a community, an interval and an amount.

    A row per amount ever charged. The amount in force comes from the rules
    registry (`fees.<community>.<interval>ly_cents`); when members vote a new
    amount, a new row (and a new Stripe Price) appears and the old one is
    archived, staying on existing subscriptions until their renewal.
    """

    class Interval(models.TextChoices):
        YEAR = "year", _("yearly")
        """Paid once a year (the default; the only choice for bank transfers)."""
        MONTH = "month", _("monthly")
        """Paid each month, by card only."""

    community = models.CharField(
        _("community"), max_length=10, choices=Member.Community.choices
    )
    interval = models.CharField(_("interval"), max_length=5, choices=Interval.choices)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    stripe_product_id = models.CharField(max_length=100, blank=True)
    stripe_price_id = models.CharField(max_length=100, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["community", "interval", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "interval", "amount_cents", "currency"],
                name="plan_once",
            ),
            models.UniqueConstraint(
                fields=["stripe_price_id"],
                condition=~Q(stripe_price_id=""),
                name="plan_stripe_price_once",
            ),
        ]

    def __str__(self):
        return f"{self.community}/{self.interval}: {self.amount_cents / 100:.2f} {self.currency}"

    @staticmethod
    def rule_key(community: str, interval: str) -> str:
        return f"fees.{community}.{interval}ly_cents"


class StripeCustomer(Holder):
    """The Stripe customer of a holder (created by Checkout on the first payment)."""

    stripe_customer_id = models.CharField(max_length=100, unique=True)

    class Meta(Holder.Meta):
        verbose_name = _("Stripe customer")
        verbose_name_plural = _("Stripe customers")
        constraints = [
            *Holder.Meta.constraints,
            models.UniqueConstraint(
                fields=["member"], name="stripe_customer_member_once"
            ),
            models.UniqueConstraint(
                fields=["organization"], name="stripe_customer_organization_once"
            ),
        ]

    def __str__(self):
        return self.stripe_customer_id


class Subscription(Holder):
    """Local mirror of one Stripe subscription, always rewritten from Stripe's own copy.

    Webhook handlers never apply an event's payload: they re-read the
    subscription from Stripe under a row lock, so a late or repeated event
    cannot make the mirror go back in time.
    """

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("awaiting first payment")
        """Checkout created it; the first payment is not confirmed yet."""
        INCOMPLETE_EXPIRED = "incomplete_expired", _("first payment never made")
        """The first payment failed for 23 hours: Stripe gave up."""
        TRIALING = "trialing", _("trial")
        """In a free trial."""
        ACTIVE = "active", _("active")
        """Paid and renewing."""
        PAST_DUE = "past_due", _("payment failed")
        """A renewal payment failed; Stripe retries. The grace period applies."""
        UNPAID = "unpaid", _("unpaid")
        """Stripe stopped retrying; access ends with the grace period."""
        CANCELED = "canceled", _("cancelled")
        """Ended; no further invoices."""
        PAUSED = "paused", _("paused")
        """Paused (trial ended without a payment method)."""

    stripe_subscription_id = models.CharField(max_length=100, unique=True)
    stripe_customer_id = models.CharField(max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    stripe_price_id = models.CharField(max_length=100, blank=True)
    current_period_start = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(_("renews on"), null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    canceled_at = models.DateTimeField(null=True, blank=True)
    payment_failed_at = models.DateTimeField(null=True, blank=True)
    price_notice_plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The plan the member was told this subscription moves to at renewal.",
    )
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta(Holder.Meta):
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.stripe_subscription_id} ({self.status})"


class StripeEvent(BaseModel):
    """A webhook event, stored once by its Stripe id before anything else happens."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        """Stored and acknowledged; not processed yet."""
        PROCESSED = "processed", _("processed")
        """Its handler ran to the end; processing it again changes nothing."""
        FAILED = "failed", _("failed")
        """Its handler raised; kept for `manage.py stripe_events_reprocess`."""

    stripe_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.stripe_id} ({self.status})"


class BankTransfer(Holder):
    """A membership paid by bank transfer: asked by a member, recorded by a treasurer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting the transfer")
        """The member has the reference and bank details; no money seen yet."""
        PAID = "paid", _("received")
        """A treasurer recorded the transfer: membership, invoice and ledger exist."""
        CANCELLED = "cancelled", _("cancelled")
        """Withdrawn before any money arrived."""

    requested_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="transfers")
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    reference = models.CharField(_("transfer reference"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(Holder.Meta):
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")
        constraints = [
            *Holder.Meta.constraints,
            models.CheckConstraint(
                name="bank_transfer_paid_is_recorded",
                condition=~Q(status="paid") | Q(received_on__isnull=False),
            ),
            # one transfer awaited per holder at a time
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="pending"),
                name="bank_transfer_member_pending",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status="pending"),
                name="bank_transfer_organization_pending",
            ),
        ]

    def __str__(self):
        return self.reference


class InvoiceCounter(BaseModel):
    """The last number issued in one invoice series, locked to issue the next.

    French law asks for invoice numbers in one unbroken, chronological
    sequence: numbers come from this row under `select_for_update`, in the
    same transaction as the invoice, so a rollback gives the number back.
    """

    series = models.CharField(max_length=20, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta(BaseModel.Meta):
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self):
        return f"{self.series}: {self.last_number}"


class Invoice(Holder):
    """An invoice a member can read and download: Stripe's, or ours for a transfer."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        """Issued by Stripe; we keep its number and links."""
        TRANSFER = "transfer", _("Bank transfer")
        """Issued by the platform, numbered from `InvoiceCounter`, rendered as PDF."""

    class Status(models.TextChoices):
        OPEN = "open", _("to be paid")
        """Issued, not paid yet (Stripe invoices only)."""
        PAID = "paid", _("paid")
        """Paid in full."""
        VOID = "void", _("void")
        """Cancelled by Stripe."""

    source = models.CharField(_("paid by"), max_length=10, choices=Source.choices)
    number = models.CharField(_("number"), max_length=40, blank=True)
    stripe_invoice_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True
    )
    stripe_charge_id = models.CharField(max_length=100, blank=True, db_index=True)
    transfer = models.OneToOneField(
        BankTransfer,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="invoice",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    amount_cents = models.IntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    description = models.CharField(_("description"), max_length=200)
    holder_name = models.CharField(_("billed to"), max_length=200)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    hosted_url = models.URLField(max_length=500, blank=True)
    pdf_url = models.URLField(max_length=500, blank=True)

    class Meta(Holder.Meta):
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            *Holder.Meta.constraints,
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(source="transfer"),
                name="invoice_transfer_number_once",
            ),
        ]

    def __str__(self):
        return self.number or self.stripe_invoice_id or str(self.pk)


class Membership(BaseModel):
    """One paid period of membership, for an expert or for a whole organization."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        """Paid through Stripe Checkout; mirrored from Stripe's subscription."""
        TRANSFER = "transfer", _("Bank transfer")
        """Paid by bank transfer and recorded by a treasurer."""
        GRANT = "grant", _("Granted")
        """Given by the cooperative (founders, demo data)."""

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    source = models.CharField(_("paid by"), max_length=10, choices=Source.choices)
    # the invoice that paid for this period: one period per invoice, whatever
    # the number of webhook deliveries
    invoice = models.OneToOneField(
        Invoice,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="membership",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        ordering = ["-ends_on"]
        constraints = [
            models.CheckConstraint(
                name="membership_one_holder",
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_period_ordered",
                condition=Q(ends_on__gt=F("starts_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["member", "ends_on"]),
            models.Index(fields=["organization", "ends_on"]),
        ]

    def __str__(self):
        holder = self.organization or self.member
        return f"{holder}: {self.starts_on} → {self.ends_on}"


class RenewalReminder(BaseModel):
    """A renewal reminder sent for one membership period, at most once per delay."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()

    class Meta(BaseModel.Meta):
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "days_before"], name="renewal_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.membership_id}: {self.days_before} days before"


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")

    def delete(self):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")


class LedgerEntry(BaseModel):
    """One movement of money, in cents, never edited nor deleted.

    Payments are positive; refunds and Stripe's fees negative. An entry names
    who paid and the payment it comes from (a Stripe invoice, charge, refund or
    balance transaction, or a bank transfer) and nothing else: there is
    deliberately no link to needs, proposals or missions.
    """

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("membership payment")
        """Money received for a membership."""
        REFUND = "refund", _("refund")
        """Money given back to a member (negative)."""
        STRIPE_FEE = "stripe_fee", _("Stripe fee")
        """What Stripe kept on a payment (negative)."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        TRANSFER = "transfer", _("Bank transfer")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("through"), max_length=10, choices=Source.choices)
    amount_cents = models.IntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    community = models.CharField(
        _("community"), max_length=10, choices=Member.Community.choices, blank=True
    )
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        help_text="The Stripe object (in_…, re_…, txn_…) or the transfer reference.",
    )
    occurred_at = models.DateTimeField(_("date"))
    description = models.CharField(_("description"), max_length=200, blank=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta(BaseModel.Meta):
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["occurred_at", "created_at"]
        constraints = [
            # one entry per movement, however many times a webhook repeats it
            models.UniqueConstraint(
                fields=["kind", "source", "reference"], name="ledger_entry_once"
            ),
            models.CheckConstraint(
                name="ledger_entry_sign",
                condition=Q(kind="payment", amount_cents__gte=0)
                | Q(kind__in=["refund", "stripe_fee"], amount_cents__lte=0),
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount_cents} {self.currency} ({self.reference})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(
                "The ledger is append-only: add a correcting entry instead."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")
