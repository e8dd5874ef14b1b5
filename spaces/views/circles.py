"""Circles around a person: the expert's private circle of counsellors and companions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.refusals import Refusal
from marketplace.models import CounsellorInvitation, Member

from .. import selectors, services
from ..access import circle_seat, shown_names
from ..forms import ThreadForm
from .common import expert_or_404, refused


@require_POST
def circle_create(request):
    member = expert_or_404(request)
    try:
        circle = services.circle_create(
            owner=member, title=request.POST.get("title", "")
        )
    except Refusal as refusal:
        refused(request, refusal)
        return redirect("spaces:list")
    return redirect(circle)


def circle_page(request, circle_id):
    seat = circle_seat(user=request.user, circle_id=circle_id)
    circle = seat.circle
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
    people = selectors.circle_people(circle)
    invitable = []
    if seat.can_moderate and not circle.is_closed:
        taken = {row.member_id for row in people}
        candidates = [
            invitation.counsellor
            for invitation in CounsellorInvitation.objects.filter(
                profile__member=circle.owner, revoked_at__isnull=True
            ).select_related("counsellor")
            if invitation.counsellor_id not in taken
        ]
        names = shown_names(candidates)
        invitable = [(member.pk, names[member.pk]) for member in candidates]
    return render(
        request,
        "spaces/circle.html",
        {
            "seat": seat,
            "circle": circle,
            "people": people,
            "invitable": invitable,
            "threads": selectors.threads_of(seat)[: selectors.PAGE_SIZE],
            "form": form,
        },
    )


@require_POST
def circle_action(request, circle_id, action):
    seat = circle_seat(user=request.user, circle_id=circle_id)
    circle = seat.circle
    try:
        if action == "invite":
            member = get_object_or_404(Member, pk=request.POST.get("member"))
            services.circle_invite(circle=circle, by=seat.member, member=member)
            messages.success(request, _("They can now read and write in the circle."))
        elif action == "close":
            services.circle_close(circle=circle, by=seat.member)
            messages.success(
                request, _("The circle is closed: only you can read it now.")
            )
        elif action == "leave":
            member = get_object_or_404(
                Member, pk=request.POST.get("member") or seat.member.pk
            )
            services.circle_leave(circle=circle, by=seat.member, member=member)
            if member.pk == seat.member.pk:
                return redirect("spaces:list")
        else:
            raise Http404
    except Refusal as refusal:
        refused(request, refusal)
    except PermissionDenied:
        raise Http404 from None
    return redirect(circle)
