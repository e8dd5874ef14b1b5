"""Pages of missions. Thin: find the object the viewer may see, call a service, render.

Refusals (state or role) come back as a message on the page; objects a viewer
may not see are 404.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from billing.access import membership_refusal, payment_url, require_active_membership
from core.confirm import confirm_step, confirmed
from core.refusals import Refusal
from marketplace.accounts import access_member, request_member
from marketplace.form_fields import language_names
from marketplace.models import Member

from . import actions, history, matching, selectors, services
from .forms import NeedForm, ProposalForm
from .models import CRITERIA, Dispute, Invoice, Mission, Need, Proposal, side_of

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
            request,
            "missions/needs_company.html",
            {"needs": page, "page": page, "membership": _membership_needed(member)},
        )
    rows = matching.needs_recommended(member=member)
    return render(
        request,
        "missions/needs_expert.html",
        {"rows": rows, "membership": _membership_needed(member)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request):
    member = access_member(request)
    if not member.is_company:
        raise Http404
    if (gate := _membership_gate(request)) is not None:
        return gate
    form = NeedForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(by=request.user, **form.service_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your need is saved as a draft."))
            return redirect(need)
    crumbs = [(_("Needs"), reverse("missions:needs")), (_("Post a need"), "")]
    return render(request, "missions/need_form.html", {"form": form, "crumbs": crumbs})


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
    crumbs = _need_crumbs(need, _("Edit"))
    return render(
        request,
        "missions/need_form.html",
        {"form": form, "need": need, "crumbs": crumbs},
    )


@login_required
def need_detail(request, need_id):
    need = selectors.access_need(user=request.user, need_id=need_id)
    member = request_member(request)
    membership = _membership_needed(member)
    buttons = actions.buttons(need, request.user, actions.NEED_ACTIONS)
    if membership is not None:  # publishing needs a membership: say so instead
        buttons = [(name, action) for name, action in buttons if name != "publish"]
    own_need = member is not None and member.organization_id == need.organization_id
    context = {
        "need": need,
        "buttons": _buttons(buttons, need, request.user, "need_action", need.pk),
        "membership": membership,
        "links": [
            (
                _("Edit the need"),
                reverse("missions:need_edit", args=[need.pk]),
                "pencil",
            )
        ]
        if own_need and need.state in (Need.State.DRAFT, Need.State.PUBLISHED)
        else [],
        "crumbs": [(_("Needs"), reverse("missions:needs")), (need.title, "")],
        "languages": language_names(need.languages),
    }
    if own_need:
        proposals = list(selectors.proposals_of_need(need=need))
        context["comparison"] = matching.compare(
            need=need, proposals=proposals, viewer=request.user
        )
        for row in context["comparison"]:
            row.buttons = _buttons(
                actions.buttons(row.obj, request.user, actions.PROPOSAL_ACTIONS),
                row.obj,
                request.user,
                "proposal_action",
                row.obj.pk,
            )
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
    _result, page = _act(
        request,
        table=actions.NEED_ACTIONS,
        name=name,
        obj=need,
        available=actions.buttons(need, request.user, actions.NEED_ACTIONS),
        back=need.get_absolute_url(),
    )
    return page or redirect(need)


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
            request,
            ngettext(
                "%(count)s expert is invited.",
                "%(count)s experts are invited.",
                len(made),
            )
            % {"count": len(made)},
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
            for index, question in enumerate(need.screening_questions)
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
