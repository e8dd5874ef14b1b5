"""Threads, posts (quotes, mentions, attachments), the helpful reply, follows."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.i18n import in_language
from marketplace.models import ExpertProfile, Member
from marketplace.services import notify
from missions import files as mission_files

from ..access import Seat, shown_names
from ..checks import check_body, check_title
from ..live import broadcast_post
from ..models import CircleMember, Follow, Membership, Post, PostAttachment, Thread
from ..notifications import MENTION

MAX_ATTACHMENTS = 3
MAX_MENTIONS = 20
_MENTION = re.compile(r"@([^\s@,;:!?.()]+)")


def _check_attachments(attachments) -> list:
    attachments = [item for item in (attachments or []) if item]
    if len(attachments) > MAX_ATTACHMENTS:
        raise Refusal(
            _("At most %(count)s files per post.") % {"count": MAX_ATTACHMENTS},
            code="attachment",
            status=400,
        )
    checked = []
    for upload in attachments:
        try:
            checked.append((upload, mission_files.check(upload)))
        except ValidationError as error:
            raise Refusal(
                " ".join(error.messages), code="attachment", status=400
            ) from None
    return checked


def _writable(seat: Seat) -> None:
    if not seat.can_write:
        if seat.circle is not None:
            raise Refusal(_("This circle is closed."))
        raise Refusal(_("This space is suspended: nothing can be posted."))


def _seat_members(seat: Seat):
    """Members one may mention here: the space's active members, or the circle's people."""
    if seat.circle is not None:
        ids = [
            *list(
                CircleMember.objects.filter(
                    circle=seat.circle, left_at__isnull=True
                ).values_list("member_id", flat=True)
            ),
            seat.circle.owner_id,
        ]
        return Member.objects.filter(pk__in=ids)
    return Member.objects.filter(
        space_memberships__space=seat.space,
        space_memberships__status=Membership.Status.ACTIVE,
    )


def mentioned(seat: Seat, body: str) -> list[Member]:
    """Members named "@name" in the body, by the name shown here.

    A pseudonymous expert is found by their alias only: their real name finds
    nobody, so a mention never confirms who is behind an alias.
    """
    words = {word.casefold() for word in _MENTION.findall(body)}
    if not words:
        return []
    lowered = body.casefold()
    pseudonymous = ExpertProfile.objects.filter(pseudonymous=True).values("member_id")
    query = Q()
    for word in list(words)[:MAX_MENTIONS]:
        query |= Q(display_name__istartswith=word) & ~Q(pk__in=pseudonymous)
        query |= Q(profile__pseudonymous=True, profile__alias__istartswith=word)
    candidates = list(_seat_members(seat).filter(query).distinct()[:200])
    names = shown_names(candidates)
    found = [
        member for member in candidates if f"@{names[member.pk]}".casefold() in lowered
    ]
    return found[:MAX_MENTIONS]


def _tell_mentioned(people, post: Post, *, author_name: str) -> None:
    """Each person mentioned gets a notification: the author under their shown name."""
    url = f"{post.thread.get_absolute_url()}#post-{post.pk}"
    for person in people:
        with in_language(person):
            notify(
                member=person,
                kind=MENTION,
                title=_("%(name)s mentions you in “%(thread)s”")
                % {"name": author_name, "thread": post.thread.title},
                url=url,
            )


def _store(*, seat: Seat, thread: Thread, body: str, quote, checked) -> Post:
    post = Post.objects.create(
        thread=thread, author=seat.member, body=body, quote=quote
    )
    people = [person for person in mentioned(seat, body) if person.pk != seat.member.pk]
    if people:
        post.mentions.set(people)
        _tell_mentioned(
            people, post, author_name=shown_names([seat.member])[seat.member.pk]
        )
    for upload, content_type in checked:
        PostAttachment.objects.create(
            post=post,
            file=upload,
            name=upload.name[:200],
            size=upload.size,
            content_type=content_type,
        )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    Follow.objects.get_or_create(thread=thread, member=seat.member)
    broadcast_post(post, shown_names([seat.member]))
    return post


@transaction.atomic
def thread_create(
    *, seat: Seat, title: str, body: str, kind: str = Thread.Kind.DISCUSSION,
    attachments=None,
) -> Thread:  # fmt: skip
    title, body = check_title(title), check_body(body)
    if kind not in Thread.Kind.values:
        raise Refusal(
            _("Choose a question or a discussion."), code="malformed", status=400
        )
    checked = _check_attachments(attachments)
    _writable(seat)
    thread = Thread.objects.create(
        space=seat.space, circle=seat.circle, author=seat.member, kind=kind,
        title=title, last_post_at=timezone.now(),
    )  # fmt: skip
    _store(seat=seat, thread=thread, body=body, quote=None, checked=checked)
    return thread


@transaction.atomic
def post_create(
    *, seat: Seat, thread: Thread, body: str, quote_id=None, attachments=None
) -> Post:
    """A reply (optionally quoting a post of the same thread); live to open pages."""
    body = check_body(body)
    checked = _check_attachments(attachments)
    _writable(seat)
    quote = None
    if quote_id:
        quote = Post.objects.filter(
            pk=quote_id, thread=thread, hidden_at__isnull=True
        ).first()
        if quote is None:
            raise Refusal(
                _("The quoted post is not in this thread."),
                code="malformed",
                status=400,
            )
    return _store(seat=seat, thread=thread, body=body, quote=quote, checked=checked)


@transaction.atomic
def helpful_mark(*, seat: Seat, post: Post) -> Thread:
    """The author of a question marks the reply that helped (once more: unmarks)."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if thread.author_id != seat.member.pk:
        raise PermissionDenied
    if thread.kind != Thread.Kind.QUESTION:
        raise Refusal(_("Only a question has a reply that helped."))
    if post.is_hidden or post.author_id == seat.member.pk:
        raise Refusal(_("Mark a visible reply of another member."))
    thread.helpful_post = None if thread.helpful_post_id == post.pk else post
    thread.save(update_fields=["helpful_post", "updated_at"])
    return thread


@transaction.atomic
def follow_set(*, seat: Seat, thread: Thread, follow: bool) -> bool:
    if follow:
        Follow.objects.get_or_create(thread=thread, member=seat.member)
    else:
        Follow.objects.filter(thread=thread, member=seat.member).delete()
    return follow
