"""Checks shared by the profile and organization writes (lengths, lists, images)."""

import io

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from core.validators import MAX_IMAGE_PIXELS, image_dimensions_check

from ..uploads import MAX_IMAGE_BYTES

LANGUAGE_CODES = ("fr", "en", "de", "es", "it", "pt", "nl", "ar", "zh", "pl", "ro")
MAX_LINKS = 5
MAX_TAGS = 12
MAX_TAG_LENGTH = 40


def check_text_lengths(instance) -> None:
    """TextField.max_length is only a form hint in Django: enforce it on the model."""
    errors = {}
    for model_field in instance._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(instance, model_field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            errors[model_field.name] = _("At most %(limit)d characters.") % {
                "limit": limit
            }
    if errors:
        raise ValidationError(errors)


def check_languages(value) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"languages": _("Give a list of language codes.")})
    codes = []
    for code in value:
        code = str(code).strip().lower()
        if code not in LANGUAGE_CODES:
            raise ValidationError(
                {
                    "languages": _("Unknown language code: %(code)s.")
                    % {"code": code[:10]}
                }
            )
        if code not in codes:
            codes.append(code)
    return codes


def check_links(value) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"links": _("Give a list of web addresses.")})
    links = [str(link).strip() for link in value if str(link).strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError({"links": _("At most %(n)d links.") % {"n": MAX_LINKS}})
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError(
                {"links": _("Not a web address: %(link)s") % {"link": link[:80]}}
            ) from None
    return links


def check_tags(value) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"tags": _("Give a list of tags.")})
    tags: list[str] = []
    for tag in value:
        tag = " ".join(str(tag).split()).lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                {
                    "tags": _("A tag has at most %(n)d characters.")
                    % {"n": MAX_TAG_LENGTH}
                }
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(n)d tags.") % {"n": MAX_TAGS}})
    return tags


def check_image(upload) -> tuple[bytes, str]:
    """The image re-encoded (no EXIF, no original name) and its file extension.

    Refuses files that are too big or that Pillow cannot read as JPEG, PNG or WebP.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            {"image": _("The image is too big (2 MB at most).")}, code="too_big"
        )
    try:
        # the header's dimensions are checked before anything is decoded
        image = image_dimensions_check(upload, MAX_IMAGE_PIXELS)
        image.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            {"image": _("This file is not an image (use JPEG, PNG or WebP).")},
            code="not_image",
        ) from None
    if image.format not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError({"image": _("Use a JPEG, PNG or WebP image.")})
    image.thumbnail((800, 800))
    # re-encoding drops EXIF and other metadata (camera owner, GPS position...)
    output = io.BytesIO()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if image.mode == "RGBA":
        image.save(output, format="PNG", optimize=True)
        return output.getvalue(), "png"
    image.save(output, format="JPEG", quality=85)
    return output.getvalue(), "jpg"
