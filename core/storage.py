"""The one private file storage: uploads kept outside the web root.

Photos, logos, mission files and message attachments all live under
settings.PRIVATE_MEDIA_ROOT, read at each use (tests point it elsewhere), and
have no public URL: views serve them after a permission check.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, with no public URL."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> FileSystemStorage:
    """The callable models name as `storage=` (migrations keep a reference to it)."""
    return PrivateStorage()
