"""Pages of the marketplace app. Thin: parse, check, call a service, render."""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import notifications, selectors, services
from .forms import EmailPreferencesForm
from .models import EmailPreference


@login_required
def dashboard(request):
    member = selectors.member_for_user(request.user)
    from billing.selectors import membership_status

    context = {
        "notifications": selectors.notifications_recent(member=member)
        if member
        else [],
        "membership": membership_status(member) if member else None,
        "panels": dashboard_panels(request, member),
    }
    return render(request, "marketplace/dashboard.html", context)


def dashboard_panels(request, member):
    """Templates other apps add to the dashboard (see DASHBOARD_PANELS in each app)."""
    from django.apps import apps

    panels = []
    for config in apps.get_app_configs():
        for template in getattr(config, "dashboard_panels", ()):
            panels.append(template)
    return panels


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    member = selectors.member_for_user(request.user)
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
    member = selectors.member_for_user(request.user)
    if member is not None:
        services.notifications_mark_read(member=member)
    return redirect("dashboard")


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness: the database and the channel layer answer."""
    state = {"database": "ok", "channel_layer": "ok", "version": settings.VERSION}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # report, never crash the probe
        state["database"] = f"error: {type(error).__name__}"
    try:
        async_to_sync(_channel_layer_round_trip)()
    except Exception as error:
        state["channel_layer"] = f"error: {type(error).__name__}"
    healthy = state["database"] == "ok" and state["channel_layer"] == "ok"
    state["status"] = "ok" if healthy else "error"
    return JsonResponse(state, status=200 if healthy else 503)


async def _channel_layer_round_trip():
    import asyncio

    layer = get_channel_layer()
    channel = await layer.new_channel(prefix="healthz.")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    if message.get("token") != token:
        raise RuntimeError("channel layer returned another message")
