"""A thread page (replies, composer), post actions and attachments."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.refusals import Refusal

from .. import selectors, services
from ..access import thread_seat
from ..forms import ReasonForm, ReplyForm
from ..models import Post, PostAttachment
from .common import refused


def thread_page(request, thread_id):
    thread, seat = thread_seat(user=request.user, thread_id=thread_id)
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                seat=seat,
                thread=thread,
                body=form.cleaned_data["body"],
                quote_id=form.cleaned_data["quote"],
                attachments=[form.cleaned_data["attachment"]],
            )
        except Refusal as refusal:
            refused(request, refusal)
        else:
            return redirect(f"{thread.get_absolute_url()}#post-{post.pk}")
    quote = None
    if request.GET.get("quote"):
        quote = Post.objects.filter(
            pk=_uuid_or_none(request.GET["quote"]),
            thread=thread,
            hidden_at__isnull=True,
        ).first()
        if quote is not None:
            form = ReplyForm(initial={"quote": quote.pk})
    try:
        page = max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    posts = selectors.posts_of(thread, page=page)
    return render(
        request,
        "spaces/thread.html",
        {
            "seat": seat,
            "thread": thread,
            "posts": posts[: selectors.POSTS_PAGE_SIZE],
            "more": len(posts) > selectors.POSTS_PAGE_SIZE,
            "page": page,
            "form": form,
            "quote": quote,
            "following": selectors.is_following(seat, thread),
            "reason_form": ReasonForm(),
            "container": seat.space or seat.circle,
        },
    )


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


POST_ACTIONS = {
    "hide": lambda seat, post, reason: services.post_hide(
        seat=seat, post=post, reason=reason
    ),
    "restore": lambda seat, post, reason: services.post_restore(seat=seat, post=post),
    "report": lambda seat, post, reason: services.post_report(
        seat=seat, post=post, reason=reason
    ),
    "helpful": lambda seat, post, reason: services.helpful_mark(seat=seat, post=post),
}


@require_POST
def post_action(request, post_id, action):
    post = get_object_or_404(Post, pk=post_id)
    thread, seat = thread_seat(user=request.user, thread_id=post.thread_id)
    if action not in POST_ACTIONS:
        raise Http404
    try:
        POST_ACTIONS[action](seat, post, request.POST.get("reason", ""))
        if action == "report":
            messages.success(request, _("Thank you: the moderators will look at it."))
    except Refusal as refusal:
        refused(request, refusal)
    except PermissionDenied:
        raise Http404 from None
    return redirect(f"{thread.get_absolute_url()}#post-{post.pk}")


@require_POST
def thread_follow(request, thread_id):
    thread, seat = thread_seat(user=request.user, thread_id=thread_id)
    services.follow_set(
        seat=seat, thread=thread, follow=request.POST.get("follow") == "1"
    )
    return redirect(thread)


def attachment(request, attachment_id):
    item = get_object_or_404(
        PostAttachment.objects.select_related("post"), pk=attachment_id
    )
    _thread, seat = thread_seat(user=request.user, thread_id=item.post.thread_id)
    if item.post.is_hidden and not (
        seat.can_moderate or item.post.author_id == seat.member.pk
    ):
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.name,
        content_type=item.content_type,
    )
