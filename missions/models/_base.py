"""What the missions models share: who may fire a transition, file storage."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Files live under PRIVATE_MEDIA_ROOT, outside the web root (read at call time)."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def member_of(user):
    from marketplace.selectors import member_for_user

    return member_for_user(user)


def nobody(instance, user) -> bool:
    """Permission of system transitions (timers, consequences of another transition)."""
    return False


def is_mediator(user) -> bool:
    from marketplace.roles import MEDIATOR, has_role

    return has_role(user, MEDIATOR)
