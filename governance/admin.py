from django.contrib import admin

from .models import RuleVersion


@admin.register(RuleVersion)
class RuleVersionAdmin(admin.ModelAdmin):
    """Read-only: a rule changes only through an adopted motion, never by hand."""

    list_display = ["key", "value", "effective_at"]
    list_filter = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
