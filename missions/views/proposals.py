"""Pages of proposals: the form, revisions, the list, the page and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.refusals import Refusal
from marketplace.accounts import access_member, request_member

from .. import actions, matching, selectors, services
from ..forms import ProposalForm
from ..models import Mission, Need, Proposal
from .shared import _act, _buttons, _day, _membership_gate, _need_crumbs, _page

# --- proposals --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    member = access_member(request)
    if not member.is_expert:
        raise Http404
    if (gate := _membership_gate(request)) is not None:
        return gate
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
    crumbs = _need_crumbs(need, _("Send a proposal"))
    return render(
        request,
        "missions/proposal_form.html",
        {"form": form, "need": need, "crumbs": crumbs},
    )


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
        {
            "form": form,
            "need": proposal.need,
            "proposal": proposal,
            "crumbs": _need_crumbs(proposal.need, _("Revise the proposal")),
        },
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
    need = proposal.need
    member = request_member(request)
    answers = list(proposal.answers or [])
    context = {
        "proposal": proposal,
        "need": need,
        "revisions": list(proposal.revisions.order_by("-number")),
        "files": list(proposal.files.all()),
        "buttons": _buttons(
            actions.buttons(proposal, request.user, actions.PROPOSAL_ACTIONS),
            proposal,
            request.user,
            "proposal_action",
            proposal.pk,
        ),
        "shown_name": matching.expert_label(proposal=proposal, viewer=request.user),
        "links": [
            (
                _("Revise the proposal"),
                reverse("missions:proposal_revise", args=[proposal.pk]),
                "pencil",
            )
        ]
        if member is not None
        and member.pk == proposal.expert_id
        and need.state == Need.State.PUBLISHED
        and proposal.state in Proposal.ACTIVE_STATES
        else [],
        "milestones": [
            {
                "title": item["title"],
                "amount_cents": item["amount_cents"],
                "due_on": _day(item.get("due_on")),
            }
            for item in proposal.milestones or []
        ],
        "answers": [
            (question, answers[index] if index < len(answers) else "")
            for index, question in enumerate(need.questions)
        ]
        if answers
        else [],
        "crumbs": _need_crumbs(need, _("Proposal")),
    }
    return render(request, "missions/proposal_detail.html", context)


@login_required
@require_POST
def proposal_action(request, proposal_id, name):
    proposal = selectors.access_proposal(user=request.user, proposal_id=proposal_id)
    result, page = _act(
        request,
        table=actions.PROPOSAL_ACTIONS,
        name=name,
        obj=proposal,
        available=actions.buttons(proposal, request.user, actions.PROPOSAL_ACTIONS),
        back=proposal.get_absolute_url(),
    )
    if page is not None:
        return page
    if name == "accept" and isinstance(result, Mission):
        return redirect(result)
    return redirect(proposal)
