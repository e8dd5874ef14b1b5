"""Every write of spaces and circles goes through these services (one transaction each)."""

from .circles import circle_close, circle_create, circle_invite, circle_leave
from .confirmation import confirmation_vote, moderators_confirm_close, voted
from .founding import free_professions, proposable, space_open, space_propose
from .membership import (
    admission_decide,
    admission_request,
    qualifies,
    space_create,
    space_join,
    space_resume,
    space_suspend,
)
from .moderation import (
    member_appeal,
    member_reinstate,
    member_remove,
    member_warn,
    post_hide,
    post_report,
    post_restore,
)
from .threads import follow_set, helpful_mark, post_create, thread_create

__all__ = [
    "admission_decide",
    "admission_request",
    "circle_close",
    "circle_create",
    "circle_invite",
    "circle_leave",
    "confirmation_vote",
    "follow_set",
    "free_professions",
    "helpful_mark",
    "member_appeal",
    "member_reinstate",
    "member_remove",
    "member_warn",
    "moderators_confirm_close",
    "post_create",
    "post_hide",
    "post_report",
    "post_restore",
    "proposable",
    "qualifies",
    "space_create",
    "space_join",
    "space_open",
    "space_propose",
    "space_resume",
    "space_suspend",
    "thread_create",
    "voted",
]
