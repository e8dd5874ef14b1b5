from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "starts_on", "ends_on"]
    list_filter = ["source"]
    list_select_related = ["member", "organization"]
