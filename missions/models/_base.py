"""What the missions models share: who may fire a transition, file storage."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT (outside the web root), read at each use."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def member_of(user):
    from marketplace.selectors import member_for_user

    return member_for_user(user)


def nobody(instance, user) -> bool:
    """Permission of system transitions (timers, consequences of another transition)."""
    return False


def is_mediator(user) -> bool:
    from marketplace.roles import MEDIATOR, has_role

    return has_role(user, MEDIATOR)
