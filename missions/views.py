"""Pages of missions. Thin: find the object the viewer may see, call a service, render.

Refusals (state or role) come back as a message on the page; objects a viewer
may not see are 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.refusals import Refusal
from marketplace.accounts import access_member, request_member
from marketplace.models import Member

from . import actions, matching, selectors, services
from .forms import NeedForm, ProposalForm
from .models import CRITERIA, Dispute, Invoice, Mission, Need, Proposal, side_of

PAGE_SIZE = 50


def _page(request, queryset):
    """One page of a list (`?page=`): a count and a slice, whatever the list's size."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _run(request, action: actions.Action, obj) -> bool:
    """Call an action's service; turn refusals into a message. True if it worked."""
    try:
        action.run(obj, request.user, request.POST, request.FILES.getlist("files"))
    except Refusal as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": action.label})
        return True
    return False


# --- needs ------------------------------------------------------------------------------------


@login_required
def needs(request):
    """Company: its needs. Expert: the open needs recommended to them."""
    member = access_member(request)
    if member.is_company:
        page = _page(
            request,
            selectors.needs_of_organization(organization_id=member.organization_id),
        )
        return render(
            request, "missions/needs_company.html", {"needs": page, "page": page}
        )
    rows = matching.needs_recommended(member=member)
    return render(request, "missions/needs_expert.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request):
    member = access_member(request)
    if not member.is_company:
        raise Http404
    form = NeedForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your need is saved as a draft."))
            return redirect(need)
    return render(request, "missions/need_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    member = access_member(request)
    if member.organization_id != need.organization_id:
        raise Http404
    form = NeedForm(
        request.POST or None, instance=Need.objects.get(pk=need.pk), member=member
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, by=request.user, **form.service_fields())
        except Refusal as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The need is saved."))
            return redirect(need)
    return render(request, "missions/need_form.html", {"form": form, "need": need})


@login_required
def need_detail(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    member = request_member(request)
    context = {
        "need": need,
        "buttons": actions.buttons(need, request.user, actions.NEED_ACTIONS),
    }
    if member and member.organization_id == need.organization_id:
        proposals = list(selectors.proposals_of_need(need=need))
        context["comparison"] = matching.compare(
            need=need, proposals=proposals, viewer=request.user
        )
        context["proposal_buttons"] = {
            p.pk: actions.buttons(p, request.user, actions.PROPOSAL_ACTIONS)
            for p in proposals
        }
        context["matched"] = matching.experts_for(need=need, viewer=request.user)
        context["skills"] = list(need.skills.select_related("skill"))
        invited = list(need.invitations.select_related("expert"))
        aliases = matching.aliases([i.expert_id for i in invited], need.organization_id)
        context["invited"] = [
            aliases.get(i.expert_id, i.expert.display_name) for i in invited
        ]
    elif member and member.is_expert:
        context["own"] = (
            Proposal.objects.filter(need=need, expert=member)
            .exclude(state="withdrawn")
            .first()
        )
    live = need.missions.exclude(state=Mission.State.CANCELLED).first()
    if live is not None and selectors.mission_viewer_role(
        mission=live, user=request.user
    ):
        context["mission"] = live
    return render(request, "missions/need_detail.html", context)


@login_required
@require_POST
def need_action(request, need_id, name):
    need = selectors.access_need(user=request.user, need_id=need_id)
    if name not in actions.NEED_ACTIONS:
        raise Http404
    _run(request, actions.NEED_ACTIONS[name], need)
    return redirect(need)


@login_required
@require_POST
def need_invite(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    ids = request.POST.getlist("experts")
    experts = list(Member.objects.filter(pk__in=ids, community=Member.Community.EXPERT))
    try:
        made = services.need_invite(need=need, by=request.user, experts=experts)
    except Refusal as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(count)s experts invited.") % {"count": len(made)}
        )
    return redirect(need)


# --- proposals --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    member = access_member(request)
    if not member.is_expert:
        raise Http404
    form = ProposalForm(request.POST or None, request.FILES or None, need=need)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                need=need,
                by=request.user,
                files=request.FILES.getlist("attachments"),
                **form.service_fields(),
            )
        except Refusal as exc:
            form.add_error(None, exc.message)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your proposal is sent."))
            return redirect(proposal)
    return render(request, "missions/proposal_form.html", {"form": form, "need": need})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_revise(request, proposal_id):
    proposal = selectors.access_proposal(user=request.user, proposal_id=proposal_id)
    member = access_member(request)
    if member.pk != proposal.expert_id:
        raise Http404
    form = ProposalForm(request.POST or None, instance=proposal, need=proposal.need)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_revise(
                proposal=proposal, by=request.user, **form.service_fields()
            )
        except Refusal as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your proposal is revised."))
            return redirect(proposal)
    return render(
        request,
        "missions/proposal_form.html",
        {"form": form, "need": proposal.need, "proposal": proposal},
    )


@login_required
def proposals(request):
    member = access_member(request)
    if not member.is_expert:
        raise Http404
    page = _page(request, selectors.proposals_of_expert(member=member))
    return render(request, "missions/proposals.html", {"proposals": page, "page": page})


@login_required
def proposal_detail(request, proposal_id):
    proposal = selectors.access_proposal(user=request.user, proposal_id=proposal_id)
    context = {
        "proposal": proposal,
        "need": proposal.need,
        "revisions": list(proposal.revisions.order_by("-number")),
        "files": list(proposal.files.all()),
        "buttons": actions.buttons(proposal, request.user, actions.PROPOSAL_ACTIONS),
        "shown_name": matching.expert_label(proposal=proposal, viewer=request.user),
    }
    return render(request, "missions/proposal_detail.html", context)


@login_required
@require_POST
def proposal_action(request, proposal_id, name):
    proposal = selectors.access_proposal(user=request.user, proposal_id=proposal_id)
    if name not in actions.PROPOSAL_ACTIONS:
        raise Http404
    if name == "accept":
        try:
            mission = services.proposal_accept(proposal=proposal, by=request.user)
        except Refusal as exc:
            messages.error(request, exc.message)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The mission is awarded; the expert must confirm it.")
            )
            return redirect(mission)
    else:
        _run(request, actions.PROPOSAL_ACTIONS[name], proposal)
    return redirect(proposal)


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
    for event in page["timeline"]:
        event.who = _who(event, mission)
    context = {
        "mission": mission,
        "side": side,
        "role": selectors.mission_viewer_role(mission=mission, user=request.user),
        "buttons": actions.mission_buttons(mission, request.user, side=side),
        "dispute_buttons": actions.dispute_buttons(dispute, request.user, side=side)
        if dispute
        else [],
        "can_review": side is not None
        and mission.state == Mission.State.COMPLETED
        and mission.reviews_published_at is None
        and side not in written,
        "criteria": CRITERIA.get(side or "company", {}),
        "outcomes": Dispute.Outcome.choices,
        "invoice_action": actions.INVOICE_ACTIONS["confirm_payment"],
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
    if name not in actions.MISSION_ACTIONS:
        raise Http404
    _run(request, actions.MISSION_ACTIONS[name], mission)
    return redirect(mission)


@login_required
@require_POST
def dispute_action(request, dispute_id, name):
    dispute = selectors.access_dispute(user=request.user, dispute_id=dispute_id)
    if name not in actions.DISPUTE_ACTIONS:
        raise Http404
    _run(request, actions.DISPUTE_ACTIONS[name], dispute)
    return redirect(dispute.mission)


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
