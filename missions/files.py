"""Files of proposals and deliveries: checked by size and by content, stored privately.

The type is read from the first bytes (magic numbers), never from the name or
the browser's claim. Files are stored under settings.PRIVATE_MEDIA_ROOT with a
meaningless name, and only served by `views.file_download` after the access check.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.models import Member

from .models import MissionFile

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# magic bytes → content type
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    # Office Open XML, OpenDocument and zip archives all are zip files
    (b"PK\x03\x04", "application/zip"),
]


def max_bytes() -> int:
    return getattr(settings, "MISSIONS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None if not an allowed type."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # a multibyte character may be cut at the end of the sample
            try:
                head[:-3].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return "text/plain"
    return None


def check(upload) -> str:
    """Validate an uploaded file; return its content type or raise ValidationError."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("%(name)s is too large (at most %(max)s MB).")
            % {"name": upload.name, "max": max_bytes() // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise ValidationError(
            _(
                "%(name)s is not an accepted type (PDF, image, office document, zip or text)."
            )
            % {"name": upload.name}
        )
    return content_type


def store(*, upload, owner: dict, by: Member) -> MissionFile:
    """Store one checked upload for `owner` ({"delivery": d} or {"proposal": p})."""
    content_type = check(upload)
    row = MissionFile(
        name=upload.name[:200],
        size=upload.size,
        content_type=content_type,
        uploaded_by=by,
        **owner,
    )
    row.file.save(upload.name, upload, save=False)
    row.save()
    return row
