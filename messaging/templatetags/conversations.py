"""Template helpers of conversations: `{% conversation_rows member as rows %}`,
the `conversation_title` and `clock` filters."""

from django import template

from core.templatetags.ui import format_when_short

from .. import selectors

register = template.Library()


@register.simple_tag
def conversation_rows(member, limit: int = 5):
    """The member's latest conversations with their unread counts."""
    if member is None:
        return []
    return list(selectors.conversations_of(member=member)[:limit])


@register.filter
def conversation_title(conversation) -> str:
    if conversation.kind == conversation.Kind.PROPOSAL:
        return conversation.proposal.need.title
    return conversation.mission.title


@register.filter
def clock(value) -> str:
    """The time of day of a moment in the reader's zone, in `when`'s format
    ("14 h 05" / "14:05"): a moment's short form on its own day is its time."""
    if not value:
        return ""
    return format_when_short(value, now=value)
