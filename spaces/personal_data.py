"""Spaces' share of a member's export and erasure (registered in SpacesConfig.ready).

The export lists the spaces the member joined, the threads they opened, the
posts they wrote and the circles they own or were invited to. The erasure
blanks what they wrote (the threads and replies of others stay readable),
deletes their circles, seats, follows and files, and takes them out of the
posts mentioning them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models import (
    Circle,
    CircleMember,
    Follow,
    Membership,
    Post,
    PostAttachment,
    Thread,
)

LABEL = _("your peer spaces, threads, posts and circles")


def export_spaces(member) -> dict:
    return {
        "memberships": [
            {
                "space": m.space.name,
                "status": m.status,
                "role": m.role,
                "joined_by": m.via,
                "request_note": m.request_note,
                "appeal": m.appeal,
                "created_at": m.created_at,
            }
            for m in Membership.objects.filter(member=member).select_related("space")
        ],
        "threads_opened": list(
            Thread.objects.filter(author=member).values(
                "id", "title", "kind", "space__name", "circle__title", "created_at"
            )
        ),
        "posts_written": list(
            Post.objects.filter(author=member).values(
                "id", "thread_id", "thread__title", "body", "created_at"
            )
        ),
        "circles_owned": [
            {
                "title": circle.title,
                "people": circle.people.count(),
                "closed_at": circle.closed_at,
                "created_at": circle.created_at,
            }
            for circle in Circle.objects.filter(owner=member)
        ],
        "circles_invited_to": list(
            CircleMember.objects.filter(member=member).values(
                "circle__title", "left_at", "created_at"
            )
        ),
    }


def erase_spaces(member) -> None:
    """Blank the member's words; delete what is only theirs."""
    attachments = PostAttachment.objects.filter(post__author=member)
    for attachment in attachments:
        name, storage = attachment.file.name, attachment.file.storage
        transaction.on_commit(lambda n=name, s=storage: s.delete(n))
    attachments.delete()
    Post.objects.filter(author=member).update(body="", hidden_reason="")
    Thread.objects.filter(author=member).update(title="—")
    for post in Post.objects.filter(mentions=member):
        post.mentions.remove(member)
    Circle.objects.filter(owner=member).delete()  # a private circle: its threads too
    CircleMember.objects.filter(member=member).delete()
    Follow.objects.filter(member=member).delete()
    Membership.objects.filter(member=member).update(
        request_note="", reason="", warning="", appeal=""
    )


privacy.register_exporter("spaces", export_spaces, label=LABEL)
privacy.register_eraser("spaces", erase_spaces)
