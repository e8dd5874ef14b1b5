"""Pages of governance: rules, motions, votes and results. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from billing.access import (
    membership_refusal,
    require_active_membership,
)
from core import rules
from core.confirm import confirm_step, confirmed
from core.refusals import Refusal
from marketplace import identity
from marketplace.accounts import request_member

from . import indicators, selectors, services
from .forms import AmendmentForm, BallotForm, CommentForm, MotionForm, ReceiptCheckForm
from .models import Amendment, College, Motion


def _crumbs(*trail, motion: Motion | None = None) -> list[tuple[str, str]]:
    """Breadcrumbs from the motions list (through `motion` if given) to the page."""
    crumbs = [(_("Motions"), reverse("governance:motions"))]
    if motion is not None:
        crumbs.append((motion.title, motion.get_absolute_url()))
    return [*crumbs, *trail]


def rule_list(request):
    return render(
        request, "governance/rule_list.html", {"rules": selectors.rules_overview()}
    )


def rule_detail(request, key):
    if key not in rules.REGISTRY:
        raise Http404
    view = next(item for item in selectors.rules_overview() if item.key == key)
    crumbs = [
        (_("Platform rules"), reverse("governance:rules")),
        (str(view.rule.label), ""),
    ]
    return render(
        request, "governance/rule_detail.html", {"item": view, "crumbs": crumbs}
    )


def _refused(request, error) -> None:
    if isinstance(error, Refusal):
        messages.error(request, error.message)
    else:
        messages.error(request, " ".join(error.messages))


def motion_list(request):
    state = request.GET.get("state")
    if state not in Motion.State.values:
        state = None
    viewer = request_member(request)
    motions = list(selectors.motion_list(state=state, viewer=viewer))
    # every author's name as the viewer may see it, in one query
    names = identity.shown_names([m.author for m in motions], viewer=viewer)
    for motion in motions:
        motion.author_name = names.get(motion.author_id, "")
    context = {
        "motions": motions,
        "state": state,
        "states": Motion.State.choices,
        "reviews": indicators.motions_for_review(),
    }
    return render(request, "governance/motion_list.html", context)


def _motion_form_page(request, form, *, motion=None, save):
    """Fill in, check, save: a valid form is shown back as sentences (what would
    change, from what to what) with "Save the draft" and "Change" buttons."""
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        if "confirm" not in request.POST:
            hidden = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in {"csrfmiddlewaretoken", "confirm", "change"}
                for value in values
            ]
            context = {
                "form": form,
                "motion": motion,
                "hidden": hidden,
                "sentences": form.preview(),
                "kind_label": Motion.Kind(form.cleaned_data["kind"]).label,
                "crumbs": _crumbs((_("Check"), ""), motion=motion),
            }
            return render(request, "governance/motion_preview.html", context)
        try:
            saved = save(form.cleaned_data)
        except (Refusal, ValidationError) as error:
            _refused(request, error)
        else:
            return redirect(saved)
    return render(
        request,
        "governance/motion_form.html",
        {
            "form": form,
            "motion": motion,
            "rule_picked": form.selected_rule(),
            "crumbs": _crumbs(
                (_("Edit the draft") if motion else _("Draft a motion"), ""),
                motion=motion,
            ),
        },
    )


@require_active_membership
@require_http_methods(["GET", "POST"])
def motion_create(request):
    member = request_member(request)

    def save(data):
        motion = services.motion_create(
            author=member,
            kind=data["kind"],
            title=data["title"],
            rationale=data["rationale"],
            text=data.get("text", ""),
            changes=data.get("changes"),
            is_charter=data.get("is_charter", False),
            review_on=data.get("review_on"),
            indicator=data.get("indicator", ""),
        )
        messages.success(
            request,
            _("Your motion is saved as a draft. Open it to deliberation when ready."),
        )
        return motion

    initial = {}
    if request.GET.get("rule") in rules.REGISTRY:  # "Propose a change" on a rule
        initial = {"kind": Motion.Kind.RULES, "rule": request.GET["rule"]}
    form = MotionForm(request.POST or None, initial=initial)
    return _motion_form_page(request, form, save=save)


@require_active_membership
@require_http_methods(["GET", "POST"])
def motion_edit(request, motion_id):
    """The author edits their draft (same form; the kind stays)."""
    motion = selectors.access_motion(
        member=request_member(request), motion_id=motion_id
    )
    key = next(iter(motion.changes), "")
    initial = {
        "kind": motion.kind,
        "title": motion.title,
        "rationale": motion.rationale,
        "text": motion.text,
        "rule": key,
    }
    form = MotionForm(request.POST or None, initial=initial, changes=motion.changes)

    def save(data):
        services.motion_edit(
            motion=motion,
            by=request_member(request),
            title=data["title"],
            rationale=data["rationale"],
            text=data.get("text") if motion.kind == Motion.Kind.TEXT else None,
            changes=data.get("changes") if motion.kind == Motion.Kind.RULES else None,
        )
        messages.success(request, _("Your draft is saved."))
        return motion

    return _motion_form_page(request, form, motion=motion, save=save)


def motion_detail(request, motion_id):
    try:
        motion = selectors.motion_detail(motion_id, viewer=request_member(request))
    except Motion.DoesNotExist:
        raise Http404 from None
    member = request_member(request)
    is_voter = selectors.is_voter(member)
    context = {
        "motion": motion,
        "member": member,
        "is_author": member is not None and motion.author_id == member.pk,
        "is_voter": is_voter,
        # a signed-in member who may not vote is told why, and how to join
        "cannot_vote": None
        if is_voter or member is None
        else membership_refusal(member),
        "sponsors_required": rules.get("governance.sponsors_required"),
        "voting_days": rules.get("governance.voting_days"),
        "has_voted": selectors.has_voted(motion=motion, member=member),
        "timeline": selectors.motion_timeline(motion),
        "comment_form": CommentForm(),
        "crumbs": _crumbs((motion.title, "")),
        "amendment_form": AmendmentForm(changes=motion.changes),
        "rule_changes": _rule_changes(motion.changes),
        "indicator": indicators.INDICATORS.get(motion.indicator),
        "indicator_value": indicators.value(motion.indicator)
        if motion.review_on and motion.review_on <= timezone.localdate()
        else None,
    }
    return render(request, "governance/motion_detail.html", context)


def _rule_changes(changes: dict) -> list:
    now = rules.get_many(list(changes))
    return [
        {"rule": rules.rule(key), "key": key, "value": value, "current": now[key]}
        for key, value in changes.items()
    ]


_ACTIONS = {
    "submit": lambda motion, member: services.motion_submit(motion=motion, by=member),
    "withdraw": lambda motion, member: services.motion_withdraw(
        motion=motion, by=member
    ),
    "sponsor": lambda motion, member: services.motion_sponsor(
        motion=motion, member=member
    ),
    "open_vote": lambda motion, member: services.motion_open_vote(
        motion=motion, by=member
    ),
}

# what each action did, said to the person who did it
_DONE = {
    "submit": gettext_lazy(
        "Your motion is open to deliberation: members can comment, "
        "amend and co-sponsor it."
    ),
    "withdraw": gettext_lazy("Your motion is withdrawn."),
    "sponsor": gettext_lazy("You co-sponsor this motion."),
    "open_vote": gettext_lazy("The vote is open."),
}


def _confirmation(request, motion: Motion, action: str):
    """The page that says what an irreversible action will do (when the browser
    ran no script; with scripts, ui.js asks the same in a dialog)."""
    if action == "withdraw":
        return confirm_step(
            request,
            title=_("Withdraw the motion?"),
            consequence=_(
                "The motion stops here: it will not go to vote, and it cannot be "
                "reopened. Its page, comments and amendments stay readable. To "
                "propose it again you will draft a new motion."
            ),
            confirm_label=_("Withdraw the motion"),
            cancel_url=motion.get_absolute_url(),
        )
    days = rules.get("governance.voting_days")
    return confirm_step(
        request,
        title=_("Put the motion to vote?"),
        consequence=ngettext(
            "The vote opens now for %(days)s day. Its text can no longer change, "
            "and every member with an active membership is invited to vote.",
            "The vote opens now for %(days)s days. Its text can no longer change, "
            "and every member with an active membership is invited to vote.",
            days,
        )
        % {"days": days},
        confirm_label=_("Open the vote"),
        cancel_url=motion.get_absolute_url(),
        danger=False,
    )


# actions that cannot be undone ask once, saying what will happen
_CONFIRMED = {"withdraw", "open_vote"}


@login_required
@require_POST
def motion_action(request, motion_id, action):
    motion = selectors.access_motion(
        member=request_member(request), motion_id=motion_id
    )
    if action not in _ACTIONS:
        raise Http404
    if action in _CONFIRMED and not confirmed(request):
        return _confirmation(request, motion, action)
    try:
        _ACTIONS[action](motion, request_member(request))
    except (Refusal, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _DONE[action])
    return redirect(motion)


@login_required
@require_POST
def motion_comment(request, motion_id):
    motion = selectors.access_motion(
        member=request_member(request), motion_id=motion_id
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.motion_comment(
                motion=motion,
                member=request_member(request),
                body=form.cleaned_data["body"],
            )
        except (Refusal, ValidationError) as error:
            _refused(request, error)
    return redirect(motion)


@login_required
@require_POST
def amendment_propose(request, motion_id):
    motion = selectors.access_motion(
        member=request_member(request), motion_id=motion_id
    )
    form = AmendmentForm(request.POST, changes=motion.changes)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(motion)
    data = form.cleaned_data
    try:
        services.amendment_propose(
            motion=motion,
            member=request_member(request),
            rationale=data["rationale"],
            text=data.get("text", ""),
            changes=data.get("changes"),
        )
    except (Refusal, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your amendment is proposed to the author."))
    return redirect(motion)


@login_required
@require_POST
def amendment_decide(request, amendment_id, decision):
    if decision not in {"accept", "reject"}:
        raise Http404
    amendment = get_object_or_404(
        Amendment.objects.select_related("motion"), pk=amendment_id
    )
    try:
        services.amendment_decide(
            amendment=amendment,
            by=request_member(request),
            accept=decision == "accept",
        )
    except Refusal as error:
        _refused(request, error)
    return redirect(amendment.motion)


@require_active_membership
@require_http_methods(["GET", "POST"])
def motion_vote(request, motion_id):
    motion = selectors.access_motion(
        member=request_member(request), motion_id=motion_id
    )
    member = request_member(request)
    form = BallotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.ballot_cast(
                motion=motion,
                member=member,
                choice=form.cleaned_data["choice"],
                receipt=form.cleaned_data["receipt"] or None,
            )
        except (Refusal, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your ballot is recorded."))
            return render(
                request,
                "governance/motion_receipt.html",
                {
                    "motion": motion,
                    "receipt": receipt,
                    "crumbs": _crumbs((_("Your receipt"), ""), motion=motion),
                },
            )
    context = {
        "motion": motion,
        "form": form,
        "has_voted": selectors.has_voted(motion=motion, member=member),
        "is_voter": selectors.is_voter(member),
        "crumbs": _crumbs((_("Vote"), ""), motion=motion),
    }
    return render(request, "governance/motion_vote.html", context)


def motion_results(request, motion_id):
    # the anonymous list can weigh megabytes: it is served by motion_ballots only
    motion = selectors.access_motion(
        member=request_member(request),
        motion_id=motion_id,
        queryset=Motion.objects.select_related("result").defer("result__ballots"),
    )
    if not motion.is_closed:
        raise Http404  # results stay hidden until the vote closes
    form = ReceiptCheckForm(request.GET or None)
    checked = None
    if form.is_valid():
        checked = selectors.receipt_lookup(
            motion=motion, code=form.cleaned_data["receipt"]
        )
    tally = motion.result.tally
    context = {
        "motion": motion,
        "tally": tally,
        "colleges": _college_rows(tally),
        "form": form,
        "checked": checked,
        "receipt_submitted": form.is_bound,
        "crumbs": _crumbs((_("Results"), ""), motion=motion),
    }
    return render(request, "governance/motion_results.html", context)


def _college_rows(tally: dict) -> list[dict]:
    """Each college's count with its label and weight, for the results bars."""
    weights = tally.get("parameters", {}).get("weights", {})
    rows = []
    for name, college in tally["colleges"].items():
        cast = college.get("for", 0) + college.get("against", 0)
        rows.append(
            {
                "label": College(name).label if name in College.values else name,
                "weight": weights.get(name),
                "electorate": college["electorate"],
                "voters": college["voters"],
                "for": college.get("for", 0),
                "against": college.get("against", 0),
                "abstain": college.get("abstain", 0),
                "for_percent": round(100 * college.get("for", 0) / cast) if cast else 0,
                "turnout_percent": round(
                    100 * college["voters"] / college["electorate"]
                )
                if college["electorate"]
                else 0,
                "quorum_met": college["quorum_met"],
            }
        )
    return rows


def motion_ballots(request, motion_id):
    """The published anonymous list, byte for byte what the digest covers."""
    motion = selectors.access_motion(
        member=request_member(request),
        motion_id=motion_id,
        queryset=Motion.objects.select_related("result"),
    )
    if not motion.is_closed:
        raise Http404
    response = HttpResponse(motion.result.ballots, content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="ballots-{motion.pk}.json"'
    return response
