"""Account pages of the marketplace app: settings (e-mails, language, time
zone), notifications."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import notifications, services
from .accounts import request_member
from .forms import EmailPreferencesForm, MemberSettingsForm
from .models import EmailPreference


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    """Settings: e-mail preferences, language and time zone, saved together."""
    member = request_member(request)
    if member is None:
        return redirect("dashboard")
    kinds = notifications.all_kinds()
    stored = dict(
        EmailPreference.objects.filter(member=member).values_list("kind", "enabled")
    )
    current = {kind.key: stored.get(kind.key, kind.email_by_default) for kind in kinds}
    data = request.POST or None
    form = EmailPreferencesForm(data, kinds=kinds, current=current)
    settings_form = MemberSettingsForm(
        data, initial={"language": member.language, "time_zone": member.time_zone}
    )
    if request.method == "POST" and form.is_valid() and settings_form.is_valid():
        # a field left out keeps its value
        choices = {
            key: settings_form.cleaned_data[key] or settings_form.initial[key]
            for key in ("language", "time_zone")
        }
        services.member_settings_set(member=member, **choices)
        services.email_preferences_set(member=member, choices=form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        response = redirect("email_preferences")
        # the pages follow the chosen language from the next one on
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            choices["language"],
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(
        request,
        "marketplace/email_preferences.html",
        {"form": form, "settings_form": settings_form},
    )


@login_required
@require_http_methods(["POST"])
def notifications_read(request):
    member = request_member(request)
    if member is not None:
        services.notifications_mark_read(member=member)
    return redirect("dashboard")
