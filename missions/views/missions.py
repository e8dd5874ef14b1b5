"""Pages of missions, disputes, declared invoices, files and precedents."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.accounts import request_member

from .. import actions, history, matching, selectors
from ..models import CRITERIA, Dispute, Invoice, Mission, side_of
from .shared import _act, _buttons, _page, _run

# --- missions ---------------------------------------------------------------------------------


@login_required
def missions(request):
    member = request_member(request)
    if member is not None:
        page = _page(request, selectors.missions_of(member=member))
    else:
        page = _page(
            request, selectors.missions_mediated(user=request.user).order_by("pk")
        )
    rows = list(page)
    names = matching.expert_names(missions=rows, viewer=request.user)
    for row in rows:
        row.expert_name = names[row.expert_id]
    return render(
        request,
        "missions/missions.html",
        {"missions": rows, "page": page, "member": member},
    )


@login_required
def mission_detail(request, mission_id):
    mission = selectors.access_mission(user=request.user, mission_id=mission_id)
    member = request_member(request)
    side = side_of(mission, member)
    page = selectors.mission_page(mission=mission)
    written = {review.author_side for review in page["reviews"]}
    dispute = page["open_dispute"]
    mission.expert_name = matching.expert_names(
        missions=[mission], viewer=request.user
    )[mission.expert_id]
    for invoice in page["invoices"]:
        invoice.pay_button = _buttons(
            [("confirm_payment", actions.INVOICE_ACTIONS["confirm_payment"])],
            invoice,
            request.user,
            "invoice_action",
            invoice.pk,
        )[0]
    page["timeline"] = history.lines(
        page["timeline"], lambda event: _who(event, mission)
    )
    context = {
        "mission": mission,
        "side": side,
        "role": selectors.mission_viewer_role(mission=mission, user=request.user),
        "buttons": _buttons(
            actions.mission_buttons(mission, request.user, side=side),
            mission,
            request.user,
            "mission_action",
            mission.pk,
        ),
        "dispute_buttons": _buttons(
            actions.dispute_buttons(dispute, request.user, side=side),
            dispute,
            request.user,
            "dispute_action",
            dispute.pk,
        )
        if dispute
        else [],
        "can_review": side is not None
        and mission.state == Mission.State.COMPLETED
        and mission.reviews_published_at is None
        and side not in written,
        "criteria": CRITERIA.get(side or "company", {}),
        "outcomes": Dispute.Outcome.choices,
        "crumbs": [(_("Missions"), reverse("missions:missions")), (mission.title, "")],
        **page,
    }
    return render(request, "missions/mission_detail.html", context)


def _who(event, mission) -> str:
    """How the timeline names an actor (the expert by the name the viewer may see)."""
    if event.actor_id is None:
        return _("the platform")
    member = getattr(event.actor, "member", None)
    if member is not None and member.pk == mission.expert_id:
        return mission.expert_name
    if member is not None:
        return member.display_name
    return _("the mediator")  # staff acting on a dispute


@login_required
@require_POST
def mission_action(request, mission_id, name):
    mission = selectors.access_mission(user=request.user, mission_id=mission_id)
    side = side_of(mission, request_member(request))
    _result, page = _act(
        request,
        table=actions.MISSION_ACTIONS,
        name=name,
        obj=mission,
        available=actions.mission_buttons(mission, request.user, side=side),
        back=mission.get_absolute_url(),
    )
    return page or redirect(mission)


@login_required
@require_POST
def dispute_action(request, dispute_id, name):
    dispute = selectors.access_dispute(user=request.user, dispute_id=dispute_id)
    side = side_of(dispute.mission, request_member(request))
    _result, page = _act(
        request,
        table=actions.DISPUTE_ACTIONS,
        name=name,
        obj=dispute,
        available=actions.dispute_buttons(dispute, request.user, side=side),
        back=dispute.mission.get_absolute_url(),
    )
    return page or redirect(dispute.mission)


@login_required
@require_POST
def invoice_action(request, invoice_id, name):
    invoice = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None or name not in actions.INVOICE_ACTIONS:
        raise Http404
    mission = selectors.access_mission(user=request.user, mission_id=invoice.mission_id)
    _run(request, actions.INVOICE_ACTIONS[name], invoice)
    return redirect(mission)


@login_required
def file_download(request, file_id):
    """Serve a private file after the access check (never from the web root)."""
    row = selectors.access_file(user=request.user, file_id=file_id)
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.name,
        content_type=row.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def precedents(request):
    rows = list(selectors.precedents()[:100])
    return render(request, "missions/precedents.html", {"precedents": rows})
