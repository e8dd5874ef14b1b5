"""Pages of needs: lists, the form, the page, its actions and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.refusals import Refusal
from marketplace.accounts import access_member, request_member
from marketplace.form_fields import language_names
from marketplace.models import Member

from .. import actions, matching, selectors, services
from ..forms import NeedForm
from ..models import Mission, Need, Proposal
from .shared import (
    _act,
    _buttons,
    _membership_gate,
    _membership_needed,
    _need_crumbs,
    _page,
)

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
        "languages": language_names(need.language_codes),
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
