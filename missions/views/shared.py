"""What the missions pages share: pagination, actions, buttons, the membership gate."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from billing.access import membership_refusal, payment_url, require_active_membership
from core.confirm import confirm_step, confirmed
from core.refusals import Refusal

from .. import actions
from ..models import Need

PAGE_SIZE = 50


def _page(request, queryset):
    """One page of a list (`?page=`): a count and a slice, whatever the list's size."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


_NOTHING = object()


def _run(request, action: actions.Action, obj):
    """Call an action's service; turn refusals into a message. Its result, or _NOTHING."""
    try:
        result = action.run(
            obj, request.user, request.POST, request.FILES.getlist("files")
        )
    except Refusal as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(action.done or _("It is done.")))
        return result
    return _NOTHING


def _buttons(pairs, obj, user, url_name: str, key) -> list[dict]:
    """What the action panel shows for each action: its address and, when it
    cannot be undone, the sentences its confirm step says."""
    found = []
    for name, action in pairs:
        found.append(
            {
                "name": name,
                "action": action,
                "key": key,
                "url": reverse(f"missions:{url_name}", args=[key, name]),
                "confirm": " ".join(actions.consequences(name, obj, user))
                if action.irreversible
                else "",
                "primary": False,
            }
        )
    first = next((b for b in found if not b["action"].danger), None)
    if first is not None:
        first["primary"] = True
    return found


def _day(text) -> dt.date | None:
    """A date kept as ISO text in a JSON field (a milestone's due date)."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _need_crumbs(need: Need, here) -> list:
    """Breadcrumbs of a page under a need: the needs, the need, this page."""
    return [
        (_("Needs"), reverse("missions:needs")),
        (need.title, need.get_absolute_url()),
        (here, ""),
    ]


def _membership_needed(member) -> dict | None:
    """Why `member` may not publish or propose now, and where to get a membership."""
    reason = membership_refusal(member) if member is not None else None
    return None if reason is None else {"reason": reason, "url": payment_url()}


def _membership_gate(request):
    """Billing's page saying a membership is needed (and how to get it), or None."""
    return require_active_membership(lambda request: None)(request)


def _act(request, *, table, name, obj, available, back):
    """Run action `name` on `obj`, after a confirm step when it cannot be undone.

    The action's form asks in a dialog (core's ui.js) and posts `confirmed`;
    without it (no script) the POST comes back as core's confirm step: a page
    saying what will happen that posts the same fields again. Returns
    (the service's result or _NOTHING, a response to send or None).
    """
    if name not in table:
        raise Http404
    action = table[name]
    if action.irreversible and not confirmed(request):
        if name not in {n for n, _a in available}:
            messages.error(request, _("This is not possible now."))
            return _NOTHING, redirect(back)
        return _NOTHING, confirm_step(
            request,
            title=str(action.question or action.label),
            consequence=" ".join(actions.consequences(name, obj, request.user)),
            confirm_label=str(action.label),
            cancel_url=back,
            danger=action.danger,
        )
    return _run(request, action, obj), None
