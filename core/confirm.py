"""Irreversible actions ask once: the confirmation step.

The pattern: the action's form carries ``data-confirm="<what will happen>"``
(see ``{% confirm_attrs %}``); ui.js shows a dialog and, on "Confirm", posts
the form with ``confirmed=1``. The view checks ``confirmed(request)``; when the
field is missing (no JavaScript, or a hand-made request) it answers with
``confirm_step(...)``: a page that says what will happen and posts the same
fields again with ``confirmed=1``::

    if not confirmed(request):
        return confirm_step(
            request,
            title=_("Award this mission to Camille?"),
            consequence=_("The other proposals will be declined. This cannot be undone."),
            confirm_label=_("Award the mission"),
            cancel_url=need.get_absolute_url(),
        )
    services.proposal_accept(...)
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

SKIPPED = {"csrfmiddlewaretoken", "confirmed"}


def confirmed(request: HttpRequest) -> bool:
    """True once the person has said yes (``confirmed=1`` in the POST)."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def confirm_step(
    request: HttpRequest,
    *,
    title: str,
    consequence: str,
    confirm_label: str,
    cancel_url: str,
    danger: bool = True,
    action_url: str | None = None,
) -> HttpResponse:
    """The page asking to confirm, posting the same fields again."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in SKIPPED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "components/confirm_page.html",
        {
            "title": title,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "danger": danger,
            "action_url": action_url or request.get_full_path(),
            "fields": fields,
        },
    )
