"""Admin of missions: read-only lists for staff, and one action that goes through services.

States change only through the services (FSM fields are protected), so these
pages show rows; the dispute action assigns the acting mediator.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.refusals import Refusal

from . import services
from .models import Dispute, Invoice, Mission, Need, Proposal


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "organization",
        "state",
        "proposals_deadline",
        "created_at",
    ]
    list_filter = ["state", "visibility", "contract_type"]
    search_fields = ["title"]
    list_select_related = ["organization"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["need", "expert", "state", "revision", "created_at"]
    list_filter = ["state"]
    list_select_related = ["need", "expert"]


@admin.register(Mission)
class MissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "expert", "state", "agreed_value_cents"]
    list_filter = ["state"]
    search_fields = ["title"]
    list_select_related = ["organization", "expert"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "mission", "amount_cents", "issued_on", "paid_on"]


@admin.action(description=_("Assign me as the mediator"))
def assign_me(modeladmin, request, queryset):
    for dispute in queryset:
        try:
            services.dispute_assign_mediator(
                dispute=dispute, mediator=request.user, by=request.user
            )
        except Refusal as exc:
            modeladmin.message_user(
                request, f"{dispute}: {exc.message}", messages.ERROR
            )
        except ValidationError as exc:
            modeladmin.message_user(request, f"{dispute}: {exc}", messages.ERROR)


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["mission", "state", "opened_by_side", "mediator", "created_at"]
    list_filter = ["state"]
    list_select_related = ["mission", "mediator"]
    actions = [assign_me]
