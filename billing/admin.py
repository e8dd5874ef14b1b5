"""Read-mostly admin: money is written by services only (the ledger never by hand)."""

from django.contrib import admin

from .models import (
    BankTransfer,
    Invoice,
    LedgerEntry,
    Membership,
    Plan,
    StripeEvent,
    Subscription,
)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "starts_on", "ends_on"]
    list_filter = ["source"]
    list_select_related = ["member", "organization"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = [
        "community",
        "interval",
        "amount_cents",
        "stripe_price_id",
        "archived_at",
    ]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = [
        "stripe_subscription_id",
        "status",
        "member",
        "organization",
        "current_period_end",
    ]
    list_filter = ["status"]
    list_select_related = ["member", "organization"]


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["stripe_id", "type", "status", "attempts", "created_at"]
    list_filter = ["status", "type"]
    search_fields = ["stripe_id"]


@admin.register(BankTransfer)
class BankTransferAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "status",
        "amount_cents",
        "member",
        "organization",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["reference"]
    list_select_related = ["member", "organization"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "source",
        "status",
        "amount_cents",
        "holder_name",
        "issued_on",
    ]
    list_filter = ["source", "status"]
    search_fields = ["number", "stripe_invoice_id", "holder_name"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "kind",
        "source",
        "amount_cents",
        "currency",
        "reference",
    ]
    list_filter = ["kind", "source"]
