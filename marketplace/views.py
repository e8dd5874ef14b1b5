"""Account pages of the marketplace app: e-mail preferences, notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import notifications, services
from .accounts import request_member
from .forms import EmailPreferencesForm
from .models import EmailPreference


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    member = request_member(request)
    if member is None:
        return redirect("dashboard")
    kinds = notifications.all_kinds()
    stored = dict(
        EmailPreference.objects.filter(member=member).values_list("kind", "enabled")
    )
    current = {kind.key: stored.get(kind.key, kind.email_by_default) for kind in kinds}
    form = EmailPreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        services.email_preferences_set(member=member, choices=form.cleaned_data)
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("email_preferences")
    return render(request, "marketplace/email_preferences.html", {"form": form})


@login_required
@require_http_methods(["POST"])
def notifications_read(request):
    member = request_member(request)
    if member is not None:
        services.notifications_mark_read(member=member)
    return redirect("dashboard")
