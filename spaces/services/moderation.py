"""Moderation by the space's peer moderators: every action is logged for the members.

Reporting is open to every member; hiding a post, warning and removing a
member need a moderator and a reason, shown to the person concerned. A removed
member loses access at once (their open sockets are closed with 4403) and may
appeal to the other moderators.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal

from ..access import Seat, shown_names
from ..checks import check_reason
from ..live import broadcast_post, broadcast_removed
from ..models import Membership, ModerationAction, Post


def _moderator(seat: Seat) -> None:
    if not seat.can_moderate:
        raise PermissionDenied


def _log(seat: Seat, kind, *, target=None, post=None, reason="", actor=True):
    if seat.space is None:
        return None  # a circle has no public log: its owner moderates it
    return ModerationAction.objects.create(
        space=seat.space,
        kind=kind,
        actor=seat.member if actor else None,
        target=target,
        post=post,
        reason=reason,
    )


def _post_here(seat: Seat, post: Post) -> Post:
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    thread = post.thread
    if (seat.space and thread.space_id != seat.space.pk) or (
        seat.circle and thread.circle_id != seat.circle.pk
    ):
        raise PermissionDenied
    return post


@transaction.atomic
def post_report(*, seat: Seat, post: Post, reason: str) -> ModerationAction | None:
    """Any member flags a post to the moderators (the reporter is not shown)."""
    reason = check_reason(reason)
    post = _post_here(seat, post)
    return _log(
        seat, ModerationAction.Kind.REPORT, target=post.author, post=post,
        reason=reason, actor=False,
    )  # fmt: skip


@transaction.atomic
def post_hide(*, seat: Seat, post: Post, reason: str) -> Post:
    _moderator(seat)
    reason = check_reason(reason)
    post = _post_here(seat, post)
    if post.is_hidden:
        raise Refusal(_("This post is already hidden."))
    post.hidden_at = timezone.now()
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    _log(seat, ModerationAction.Kind.HIDE, target=post.author, post=post, reason=reason)
    broadcast_post(post, shown_names([post.author]))
    return post


@transaction.atomic
def post_restore(*, seat: Seat, post: Post) -> Post:
    _moderator(seat)
    post = _post_here(seat, post)
    if not post.is_hidden:
        raise Refusal(_("This post is not hidden."))
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    _log(seat, ModerationAction.Kind.RESTORE, target=post.author, post=post)
    broadcast_post(post, shown_names([post.author]))
    return post


def _target(seat: Seat, membership: Membership) -> Membership:
    _moderator(seat)
    if seat.space is None or membership.space_id != seat.space.pk:
        raise PermissionDenied
    if membership.member_id == seat.member.pk:
        raise Refusal(_("A moderator cannot act on themselves."))
    return Membership.objects.select_for_update().get(pk=membership.pk)


@transaction.atomic
def member_warn(*, seat: Seat, membership: Membership, reason: str) -> Membership:
    reason = check_reason(reason)
    membership = _target(seat, membership)
    if not membership.is_active:
        raise Refusal(_("Only an active member can be warned."))
    membership.warning = reason
    membership.save(update_fields=["warning", "updated_at"])
    _log(seat, ModerationAction.Kind.WARN, target=membership.member, reason=reason)
    return membership


@transaction.atomic
def member_remove(*, seat: Seat, membership: Membership, reason: str) -> Membership:
    """Remove a member, with the reason shown to them; their sockets close at once."""
    reason = check_reason(reason)
    membership = _target(seat, membership)
    if not membership.is_active:
        raise Refusal(_("Only an active member can be removed."))
    membership.status = Membership.Status.REMOVED
    membership.reason = reason
    membership.appeal = ""
    membership.save(update_fields=["status", "reason", "appeal", "updated_at"])
    _log(seat, ModerationAction.Kind.REMOVE, target=membership.member, reason=reason)
    broadcast_removed(seat.group_name, membership.member_id)
    return membership


@transaction.atomic
def member_appeal(*, membership: Membership, text: str) -> Membership:
    """The removed member appeals to the other moderators (once per removal)."""
    text = check_reason(text)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.REMOVED:
        raise Refusal(_("Only a removal can be appealed."))
    if membership.appeal:
        raise Refusal(_("You already appealed this removal."))
    membership.appeal = text
    membership.save(update_fields=["appeal", "updated_at"])
    ModerationAction.objects.create(
        space_id=membership.space_id,
        kind=ModerationAction.Kind.APPEAL,
        actor=membership.member,
        target=membership.member,
        reason=text,
    )
    return membership


@transaction.atomic
def member_reinstate(*, seat: Seat, membership: Membership, reason: str) -> Membership:
    """Another moderator grants the appeal: the member is back."""
    reason = check_reason(reason)
    membership = _target(seat, membership)
    if membership.status != Membership.Status.REMOVED:
        raise Refusal(_("Only a removed member can be reinstated."))
    removal = (
        ModerationAction.objects.filter(
            space=seat.space,
            kind=ModerationAction.Kind.REMOVE,
            target=membership.member,
        )
        .order_by("-created_at")
        .first()
    )
    if removal is not None and removal.actor_id == seat.member.pk:
        raise Refusal(_("Another moderator than the one who removed them decides."))
    membership.status = Membership.Status.ACTIVE
    membership.reason = ""
    membership.save(update_fields=["status", "reason", "updated_at"])
    _log(seat, ModerationAction.Kind.REINSTATE, target=membership.member, reason=reason)
    return membership
