"""Template helpers of conversations: `{% conversation_rows member as rows %}`."""

from django import template

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
