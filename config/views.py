"""Pages the project owns rather than an app: the dashboard shell and /healthz."""

import asyncio
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, user_passes_test
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from billing.selectors import membership_status
from core.dashboard import items_for as dashboard_items
from core.form_fields import EuroField
from core.templatetags.ui import format_money
from marketplace import selectors


@login_required
def dashboard(request):
    """The member's home: the onboarding checklist, then what waits for them."""
    member = selectors.member_for_user(request.user)
    context = {
        "board": dashboard_items(request, member),
        "notifications": selectors.notifications_recent(member=member, limit=8)
        if member
        else [],
        "membership": membership_status(member) if member else None,
    }
    return render(request, "config/dashboard.html", context)


class _SampleForm(forms.Form):
    """The form shown on the design system page (never saved)."""

    title = forms.CharField(
        label=_("Title of the need"),
        help_text=_("A few words a company would say: what it needs done."),
    )
    budget = EuroField(label=_("Budget in euros"))
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        help_text=_("Type to search by name."),
        choices=[
            ("energy", _("Energy audit")),
            ("carbon", _("Carbon accounting")),
            ("lean", _("Lean manufacturing")),
        ],
        widget=forms.SelectMultiple(attrs={"data-picker": ""}),
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        choices=[("fr", _("French")), ("en", _("English"))],
        widget=forms.Select(attrs={"data-picker": ""}),
    )


@user_passes_test(lambda user: user.is_staff)
def design_system(request):
    """Staff: every component of docs/design-system.md on one page, to look at."""
    form = _SampleForm(data={"title": "", "budget": "-5"})
    form.is_valid()
    states = [
        ("draft", _("Draft")),
        ("published", _("Published")),
        ("pending", _("Waiting")),
        ("accepted", _("Accepted")),
        ("cancelled", _("Cancelled")),
    ]
    return render(
        request,
        "config/design_system.html",
        {
            "form": form,
            "states": states,
            "crumbs": [
                (_("Dashboard"), reverse("dashboard")),
                (_("Design system"), ""),
            ],
            "now": timezone.now(),
            "rows": [
                ["Menuiseries Rivière", format_money(12000), _("Waiting")],
                ["Camille Martin", format_money(9000), _("Recorded")],
            ],
            "headers": [_("Who"), _("Amount"), _("State")],
        },
    )


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
    layer = get_channel_layer()
    channel = await layer.new_channel(prefix="healthz.")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    if message.get("token") != token:
        raise RuntimeError("channel layer returned another message")


def admin_sign_in(request):
    """The two admin sites' own sign-in pages would take a password alone:
    both send to allauth's, which asks staff for their second factor
    (marketplace.two_factor), then back to the admin page asked for."""
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(
        request.GET.get("next") or request.path.rsplit("login/", 1)[0],
        login_url="account_login",
    )
