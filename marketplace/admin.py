from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import signals
from .models import (
    AuditEvent,
    Member,
    Notification,
    Organization,
    Skill,  # profiles issue
    User,
)
from .services import skill_approve, skill_merge


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "date_joined"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "size", "country"]
    search_fields = ["name"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "community", "organization", "organization_role"]
    list_filter = ["community"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["organization"]
    readonly_fields = ["user", "community"]

    def save_model(self, request, obj, form, change):
        before = form.initial.get("organization") if change else None
        super().save_model(request, obj, form, change)
        if "organization" in form.changed_data:
            # the apps above (messaging's participants) hear of it after commit
            transaction.on_commit(
                lambda: signals.member_organization_changed.send(
                    sender=Member,
                    member=obj,
                    from_organization_id=before,
                    to_organization_id=obj.organization_id,
                )
            )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is append-only: readable here, never editable."""

    list_display = [
        "created_at",
        "action",
        "target_type",
        "from_state",
        "to_state",
        "actor",
    ]
    list_filter = ["action", "target_type"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "member", "kind", "title", "read_at"]
    list_select_related = ["member"]


# --- skills taxonomy (profiles issue): moderators approve and merge ----------------


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """Writes go through the services so merges move holders and are audited."""

    list_display = ["name_fr", "name_en", "slug", "category", "status", "merged_into"]
    list_filter = ["status", "category"]
    search_fields = ["name_fr", "name_en", "slug"]
    list_select_related = ["merged_into"]
    readonly_fields = ["merged_into", "proposed_by", "status"]
    actions = ["approve", "merge_into_oldest"]

    @admin.action(description=_("Approve the selected skills"))
    def approve(self, request, queryset):
        for skill in queryset:
            skill_approve(skill=skill, by=request.user)
        self.message_user(request, _("Skills approved."))

    @admin.action(
        description=_("Merge the selected skills into the oldest approved one")
    )
    def merge_into_oldest(self, request, queryset):
        skills = list(queryset.filter(merged_into__isnull=True).order_by("created_at"))
        target = next((s for s in skills if s.status == Skill.Status.APPROVED), None)
        if target is None or len(skills) < 2:
            self.message_user(
                request,
                _("Select at least two skills, one of them approved."),
                level="error",
            )
            return
        try:
            for source in skills:
                if source.pk != target.pk:
                    skill_merge(source=source, target=target, by=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), level="error")
            return
        self.message_user(request, _("Skills merged."))
