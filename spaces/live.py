"""What the sockets of an open thread page receive, sent after commit.

The frames reuse the messaging app's channel layer and `group_send`; a thread's
sockets are in the thread's group, and also in their space's (or circle's)
group so that a removed member's sockets are closed at once.
"""

from django.db import transaction

from messaging.broadcast import group_send

from .models import Post


def post_event(post: Post, names: dict) -> dict:
    """A post as every reader of the thread may see it (hidden: no text)."""
    hidden = post.is_hidden
    return {
        "id": str(post.pk),
        "thread": str(post.thread_id),
        "author": {"id": str(post.author_id), "name": names.get(post.author_id, "")},
        "body": "" if hidden else post.body,
        "quote": str(post.quote_id) if post.quote_id else None,
        "created": post.created_at.isoformat(),
        "hidden": hidden,
        "hidden_reason": post.hidden_reason if hidden else "",
        "attachments": []
        if hidden
        else [
            {
                "id": str(item.pk),
                "name": item.name,
                "size": item.size,
                "url": item.get_absolute_url(),
            }
            for item in post.attachments.all()
        ],
    }


def broadcast_post(post: Post, names: dict) -> None:
    group = post.thread.group_name
    event = {"type": "thread.post", "post": post_event(post, names)}
    transaction.on_commit(lambda: group_send(group, event))


def broadcast_removed(group: str, member_id) -> None:
    """Close the member's open sockets in this space or circle (4403)."""
    event = {"type": "seat.removed", "member": str(member_id)}
    transaction.on_commit(lambda: group_send(group, event))
