"""Account security pages: the API tokens of the signed-in person, and the
page telling staff why they must turn on two-factor authentication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.confirm import confirm_step, confirmed

from . import api_tokens, two_factor


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The person's API tokens; a POST creates one and shows its key once
    (in this response only: it is stored nowhere else readable)."""
    created = None
    if request.method == "POST":
        created = api_tokens.token_create(user=request.user)
        messages.success(
            request,
            _("Your token is created. Copy it now: it will not be shown again."),
        )
    rows = [
        {"id": api_tokens.shown_id(row), "created": row.created}
        for row in api_tokens.tokens_of(request.user)
    ]
    return render(
        request,
        "marketplace/api_tokens.html",
        {"tokens": rows, "created_key": created.key if created else ""},
    )


@login_required
@require_POST
def token_revoke(request, token_id: str):
    """Revoke one of the person's tokens, after confirming; anyone else's is a 404."""
    owned = api_tokens.tokens_of(request.user)
    if (
        len(token_id) != api_tokens.SHOWN_LENGTH
        or not owned.filter(key__startswith=token_id).exists()
    ):
        raise Http404
    if not confirmed(request):
        return confirm_step(
            request,
            title=_("Revoke this token?"),
            consequence=_(
                "Programs using it will be refused at once. This cannot be undone."
            ),
            confirm_label=_("Revoke the token"),
            cancel_url=reverse("settings_tokens"),
        )
    if not api_tokens.token_revoke(user=request.user, token_id=token_id):
        raise Http404  # revoked meanwhile (another tab)
    messages.success(request, _("The token is revoked: it no longer opens the API."))
    return redirect("settings_tokens")


@login_required
@require_GET
def two_factor_required(request):
    """Why a staff account must turn on two-factor authentication, and where."""
    if not two_factor.mfa_missing(request.user):
        return redirect("dashboard")
    return render(request, "marketplace/two_factor_required.html")
