"""Governance in the admin: read-only. Rules, motions and votes change only
through the members' own actions (services), never by a staff form."""

from django.contrib import admin

from core.models import RuleVersion

from .models import FounderSeat, Motion, Result


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RuleVersion)
class RuleVersionAdmin(ReadOnlyAdmin):
    """A rule changes only through an adopted motion, never by hand."""

    list_display = ["key", "value", "effective_at", "motion"]
    list_filter = ["key"]


@admin.register(Motion)
class MotionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "state", "enactment", "voting_closes_at"]
    list_filter = ["state", "enactment", "kind"]
    search_fields = ["title"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["motion", "ballot_count", "digest"]
    exclude = ["ballots"]


@admin.register(FounderSeat)
class FounderSeatAdmin(ReadOnlyAdmin):
    """Founder seats are granted by `founder_seat_grant` (a general assembly's decision)."""

    list_display = ["member", "reason", "created_at"]
