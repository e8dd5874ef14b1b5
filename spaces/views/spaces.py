"""My spaces, joining and admission, a space's home, charter and moderation pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing.access import membership_offer, membership_refusal, payment_url
from core.refusals import Refusal
from core.templatetags.ui import format_when
from marketplace.accounts import request_member
from marketplace.models import ExpertSkill, Member

from .. import selectors, services
from ..access import space_seat
from ..forms import AdmissionForm, CircleForm, ReasonForm, SpaceForm, ThreadForm
from ..models import Membership, Space
from ..professions import profession_label
from .common import expert_or_404, refused


def space_list(request):
    member = expert_or_404(request)
    context = selectors.my_spaces(member)
    # professions their profile shows that have no space yet: they may open one
    context["proposable"] = sorted(
        profession_label(family) for family in services.proposable(member)
    )
    context["circles"] = selectors.my_circles(member)
    context["admission_form"] = AdmissionForm()
    context["appeal_form"] = ReasonForm()
    context["circle_form"] = CircleForm()
    return render(request, "spaces/space_list.html", context)


@require_POST
def space_join(request, space_id):
    member = expert_or_404(request)
    space = get_object_or_404(Space, pk=space_id, suspended_at__isnull=True)
    try:
        if request.POST.get("admission"):
            services.admission_request(
                space=space, member=member, note=request.POST.get("note", "")
            )
            messages.success(request, _("Your request was sent to the moderators."))
        else:
            services.space_join(space=space, member=member)
            return redirect(space)
    except Refusal as refusal:
        refused(request, refusal)
    return redirect("spaces:list")


@require_POST
def space_appeal(request, space_id):
    member = expert_or_404(request)
    membership = get_object_or_404(
        Membership, space_id=space_id, member=member, status=Membership.Status.REMOVED
    )
    try:
        services.member_appeal(
            membership=membership, text=request.POST.get("reason", "")
        )
        messages.success(request, _("Your appeal was sent to the other moderators."))
    except Refusal as refusal:
        refused(request, refusal)
    return redirect("spaces:list")


def space_home(request, space_id):
    seat = space_seat(user=request.user, space_id=space_id)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                seat=seat,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                attachments=[form.cleaned_data["attachment"]],
            )
        except Refusal as refusal:
            refused(request, refusal)
        else:
            return redirect(thread)
    query = request.GET.get("q", "")
    page = _page(request)
    threads = selectors.threads_of(seat, query=query, page=page)
    more = len(threads) > selectors.PAGE_SIZE
    return render(
        request,
        "spaces/space_home.html",
        {
            "seat": seat,
            "space": seat.space,
            "threads": threads[: selectors.PAGE_SIZE],
            "more": more,
            "page": page,
            "query": query,
            "form": form,
        },
    )


def _page(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


def space_charter(request, space_id):
    seat = space_seat(user=request.user, space_id=space_id)
    return render(
        request,
        "spaces/space_charter.html",
        {
            "seat": seat,
            "space": seat.space,
            "moderators": selectors.moderators_of(seat.space),
            "voted": services.voted(seat=seat),
            "today": timezone.localdate(),
        },
    )


@require_POST
def confirmation_vote(request, space_id, membership_id):
    seat = space_seat(user=request.user, space_id=space_id)
    moderator = get_object_or_404(Membership, pk=membership_id, space=seat.space)
    try:
        code = services.confirmation_vote(
            seat=seat, moderator=moderator, approve=request.POST.get("approve") == "1"
        )
    except Refusal as refusal:
        refused(request, refusal)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request,
            _(
                "Your secret ballot is in. Keep your receipt %(code)s: it lets you "
                "find your ballot, and nobody else can tie it to you."
            )
            % {"code": code},
        )
    return redirect("spaces:charter", space_id=seat.space.pk)


def space_moderation(request, space_id):
    seat = space_seat(user=request.user, space_id=space_id)
    context = {
        "seat": seat,
        "space": seat.space,
        "log": selectors.moderation_log(seat.space),
        "reason_form": ReasonForm(),
    }
    if seat.can_moderate:
        context.update(selectors.memberships_for_moderation(seat.space))
    return render(request, "spaces/space_moderation.html", context)


MEMBER_ACTIONS = {
    "admit": lambda seat, row, reason: services.admission_decide(
        moderator=seat.membership, membership=row, admit=True, reason=reason
    ),
    "refuse": lambda seat, row, reason: services.admission_decide(
        moderator=seat.membership, membership=row, admit=False, reason=reason
    ),
    "warn": lambda seat, row, reason: services.member_warn(
        seat=seat, membership=row, reason=reason
    ),
    "remove": lambda seat, row, reason: services.member_remove(
        seat=seat, membership=row, reason=reason
    ),
    "reinstate": lambda seat, row, reason: services.member_reinstate(
        seat=seat, membership=row, reason=reason
    ),
}


@require_POST
def member_action(request, space_id, membership_id, action):
    seat = space_seat(user=request.user, space_id=space_id)
    if action not in MEMBER_ACTIONS:
        raise Http404
    if not seat.can_moderate:
        raise Http404
    row = get_object_or_404(Membership, pk=membership_id, space=seat.space)
    try:
        MEMBER_ACTIONS[action](seat, row, request.POST.get("reason", ""))
        messages.success(request, _("Done: the moderation log shows it."))
    except Refusal as refusal:
        refused(request, refusal)
    except PermissionDenied:
        raise Http404 from None
    return redirect(reverse("spaces:moderation", args=[seat.space.pk]))


def staff_spaces(request):
    """Platform admins see the spaces' names and sizes and may suspend one; no content."""
    if not request.user.is_authenticated or not request.user.is_superuser:
        raise Http404
    if request.method == "POST":
        space = get_object_or_404(Space, pk=request.POST.get("space"))
        try:
            if space.is_suspended:
                services.space_resume(space=space, by=request.user)
            else:
                services.space_suspend(
                    space=space, by=request.user, reason=request.POST.get("reason", "")
                )
        except Refusal as refusal:
            refused(request, refusal)
        return redirect("spaces:staff")
    return render(
        request,
        "spaces/staff_spaces.html",
        {"spaces": selectors.spaces_for_staff(), "reason_form": ReasonForm()},
    )


def _founding_form(request, *, viewer, families, exclude=None, staff=False):
    choices = selectors.founding_choices(
        viewer=viewer, families=families, exclude=exclude
    )
    form = SpaceForm(
        request.POST or None,
        professions=choices["professions"],
        candidates=choices["candidates"],
        staff=staff,
    )
    return form


def _picked(form) -> list[Member]:
    ids = form.cleaned_data["moderator_ids"]
    people = {str(member.pk): member for member in Member.objects.filter(pk__in=ids)}
    return [people[pk] for pk in ids if pk in people]


def _opened_message(request, space) -> None:
    confirm_by = (
        Membership.objects.filter(space=space, role=Membership.Role.MODERATOR)
        .values_list("confirm_by", flat=True)
        .first()
    )
    messages.success(
        request,
        _(
            "The space is open. Its members confirm the appointed moderators by "
            "secret vote by %(date)s."
        )
        % {"date": format_when(confirm_by)},
    )


def space_new(request):
    """A practising expert proposes the space of a profession that has none yet.

    Visitors, company members and non-experts: 404, like every page of spaces.
    An expert without an active membership gets the membership gate (403), one
    who practises no profession without a space a page saying so (403).
    """
    member = expert_or_404(request)
    reason = membership_refusal(member)
    if reason is not None:
        context = {"reason": reason, "payment_url": payment_url()}
        context.update(membership_offer(member))
        return render(request, "billing/membership_required.html", context, status=403)
    practised = services.proposable(member)
    if not practised:
        return render(request, "spaces/space_new.html", {"form": None}, status=403)
    form = _founding_form(request, viewer=member, families=practised, exclude=member)
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_propose(
                member=member,
                family=form.cleaned_data["profession"],
                name=form.cleaned_data["name"],
                min_level=form.cleaned_data["min_level"],
                description=form.cleaned_data["description"],
                charter=form.cleaned_data["charter"],
                other_moderators=_picked(form),
            )
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            _opened_message(request, space)
            return redirect("spaces:charter", space_id=space.pk)
    return render(
        request,
        "spaces/space_new.html",
        {
            "form": form,
            "levels": [
                (profession_label(family), ExpertSkill.Level(level).label)
                for family, level in sorted(practised.items())
            ],
        },
    )


def staff_space_new(request):
    """A platform admin opens a space and appoints practitioners; they read nothing."""
    if not request.user.is_authenticated or not request.user.is_superuser:
        raise Http404
    form = _founding_form(
        request,
        viewer=request_member(request),
        families=services.free_professions(),
        staff=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_open(
                by=request.user,
                family=form.cleaned_data["profession"],
                name=form.cleaned_data["name"],
                min_level=form.cleaned_data["min_level"],
                description=form.cleaned_data["description"],
                charter=form.cleaned_data["charter"],
                moderators=_picked(form),
            )
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            _opened_message(request, space)
            return redirect("spaces:staff")
    return render(request, "spaces/space_new.html", {"form": form, "staff": True})
