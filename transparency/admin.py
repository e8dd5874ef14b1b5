"""Treasurers enter platform costs and approve each other's here; through services only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.refusals import Refusal

from . import services
from .models import PlatformCost, SealedMonth


@admin.register(PlatformCost)
class PlatformCostAdmin(admin.ModelAdmin):
    list_display = [
        "incurred_on",
        "category",
        "label",
        "amount_cents",
        "entered_by",
        "approved_by",
    ]
    list_filter = ["category", ("approved_at", admin.EmptyFieldListFilter)]
    fields = ["category", "label", "amount_cents", "incurred_on", "receipt"]
    actions = ["approve"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # a new cost goes through the service (treasurer, receipt, amount checks)
        created = services.cost_enter(
            by=request.user,
            category=obj.category,
            label=obj.label,
            amount_cents=obj.amount_cents,
            incurred_on=obj.incurred_on,
            receipt=form.cleaned_data.get("receipt"),
        )
        obj.pk = created.pk

    @admin.action(description=_("Approve the selected costs"))
    def approve(self, request, queryset):
        for cost in queryset:
            try:
                services.cost_approve(cost=cost, by=request.user)
            except Refusal as refusal:
                self.message_user(request, f"{cost}: {refusal.message}", messages.ERROR)


@admin.register(SealedMonth)
class SealedMonthAdmin(admin.ModelAdmin):
    list_display = ["month", "version", "manifest_sha256", "previous_sha256"]
    readonly_fields = ["month", "version", "manifest", "manifest_sha256", "erratum"]
    exclude = ["figures", "files"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
