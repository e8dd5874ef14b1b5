"""Names for uploaded images: names that say nothing (stored by core.storage).

A file name never carries its owner's name or the uploaded file's name (a
pseudonymous expert's photo called "jeanne-dupont.jpg" would unmask her).
Views serve these files after a permission check.
"""

import os
import uuid

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def _random_name(folder: str, filename: str) -> str:
    extension = os.path.splitext(filename)[1].lower()
    if extension not in IMAGE_EXTENSIONS:
        extension = ".img"
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def photo_upload_to(instance, filename: str) -> str:
    return _random_name("photos", filename)


def logo_upload_to(instance, filename: str) -> str:
    return _random_name("logos", filename)
