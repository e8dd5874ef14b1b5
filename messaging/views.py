"""Conversation pages: plain forms and lists; JavaScript adds live delivery."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import confirm_step, confirmed
from core.refusals import Refusal
from marketplace.accounts import request_member
from missions import selectors as mission_selectors

from . import selectors, services, timeline
from .forms import MessageEditForm, MessageForm
from .models import MESSAGE_MAX_LENGTH, Message, MessageAttachment

PAGE_SIZE = 50


def _access(request, conversation_id):
    try:
        return services.access_conversation(
            user=request.user, conversation_id=conversation_id
        )
    except PermissionDenied:
        raise Http404 from None  # who may not see it cannot tell it exists


@login_required
def conversation_list(request):
    member = request_member(request)
    rows = list(selectors.conversations_of(member=member)) if member else []
    with timezone.override(timeline.member_zone(member)):
        return render(request, "messaging/conversation_list.html", {"rows": rows})


def _open(request, *, existing, create, back):
    """GET reads: to the conversation if it exists, else a page offering to open
    it. Only the POST writes (a GET never creates data)."""
    if existing is not None:
        return redirect(existing)
    if request.method == "POST":
        return redirect(create())
    return render(request, "messaging/conversation_open.html", {"back": back})


@login_required
@require_http_methods(["GET", "POST"])
def conversation_for_proposal(request, proposal_id):
    proposal = mission_selectors.access_proposal(
        user=request.user, proposal_id=proposal_id
    )
    return _open(
        request,
        existing=selectors.conversation_of(proposal=proposal),
        create=lambda: services.conversation_for_proposal(proposal=proposal),
        back=proposal,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_for_mission(request, mission_id):
    mission = mission_selectors.access_mission(user=request.user, mission_id=mission_id)
    return _open(
        request,
        existing=selectors.conversation_of(mission=mission),
        create=lambda: services.conversation_for_mission(mission=mission),
        back=mission,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_detail(request, conversation_id):
    conversation, participant = _access(request, conversation_id)
    member = participant.member
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(
                conversation=conversation,
                author=member,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
                attachments=[form.cleaned_data["attachment"]]
                if form.cleaned_data["attachment"]
                else None,
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            return redirect(
                reverse("missions:conversation", args=[conversation.pk]) + "#send-form"
            )
    before = request.GET.get("before")
    before_seq = int(before) if before and before.isdigit() else None
    page = selectors.messages_before(
        conversation=conversation, before_seq=before_seq, limit=PAGE_SIZE
    )
    if page and before_seq is None:
        services.conversation_mark_read(
            conversation=conversation, member=member, up_to_seq=page[-1].seq
        )
    if request.method == "GET" or form.is_valid():
        form = MessageForm()  # a fresh client_id for the next message
    for message in page:
        if message.author is not None:
            message.author_name = selectors.shown_name(conversation, message.author)
    positions = [
        row
        for row in selectors.read_positions(conversation=conversation)
        if row.member_id != member.pk
    ]
    for row in positions:
        row.name = selectors.shown_name(conversation, row.member)
    timeline.mark_read(page, member_id=member.pk, positions=positions)
    zone = timeline.member_zone(member)
    context = {
        "conversation": conversation,
        "member": member,
        "my_name": selectors.shown_name(conversation, member),
        "time_zone": zone.key,
        "days": timeline.by_day(page, zone=zone),
        "page": page,
        "older": page[0].seq if page and page[0].seq > 1 else None,
        "positions": positions,
        "form": form,
        "max_length": MESSAGE_MAX_LENGTH,
        # how core's `when` joins a date and a time, for the times added live
        "when_pattern": pgettext("date and time", "%(date)s, %(time)s"),
    }
    # the member's zone even before (or without) the middleware that activates it
    with timezone.override(zone):
        return render(request, "messaging/conversation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def message_edit(request, message_id):
    message = _own_message(request, message_id)
    form = MessageEditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(
                message=message, by=message.author, body=form.cleaned_data["body"]
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        return redirect(message.conversation)
    return render(
        request, "messaging/message_edit.html", {"form": form, "message": message}
    )


@login_required
@require_POST
def message_delete(request, message_id):
    message = _own_message(request, message_id)
    if not confirmed(request):
        return confirm_step(
            request,
            title=_("Delete this message?"),
            consequence=_(
                "The message will show as deleted for everyone, "
                "and its files will be removed."
            ),
            confirm_label=_("Delete the message"),
            cancel_url=message.conversation.get_absolute_url(),
        )
    try:
        services.message_delete(message=message, by=message.author)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    return redirect(message.conversation)


def _own_message(request, message_id):
    message = (
        Message.objects.select_related("author", "conversation")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        raise Http404
    _, participant = _access(request, message.conversation_id)
    if message.author_id != participant.member.pk:
        raise Http404
    message.author = participant.member
    return message


@login_required
def attachment_download(request, attachment_id):
    attachment = (
        MessageAttachment.objects.select_related("message")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:
        raise Http404
    _access(request, attachment.message.conversation_id)
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name
    )
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
