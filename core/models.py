"""What every app builds on: the base model, and the rule versions the registry reads.

Rule versions live here, at the bottom, so that every app can read the rules
(`core.rules`) without importing governance, the app whose motions change them.
Only `governance.enactment` writes a version with a motion, inside
`rule_writing()`; the code's defaults are stored once at migration time.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import append_only
from .ids import uuid7
from .validators import check_json_value, check_text

_RULE_WRITING = contextvars.ContextVar("rule_writing", default=False)


@contextmanager
def rule_writing():
    """Allow rule versions to be written: entered by motion enactment only."""
    token = _RULE_WRITING.set(True)
    try:
        yield
    finally:
        _RULE_WRITING.reset(token)


class BaseModel(models.Model):
    """Opaque UUID key and the two timestamps every table carries."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def clean_fields(self, exclude=None):
        """Django's checks, and for every text a check that it can be stored
        (no NUL, no lone surrogate: PostgreSQL would fail on save, a 500)."""
        errors = {}
        exclude = set(exclude or ())
        for field in self._meta.concrete_fields:
            if field.name in exclude:
                continue
            try:
                field.to_python(getattr(self, field.attname))
            except ValidationError:
                pass  # Django's own check below says it
            except (TypeError, OverflowError, ArithmeticError):
                # a list for a date, an infinity for an integer: Django's
                # to_python raises these instead of a ValidationError (a 500)
                errors[field.name] = [
                    ValidationError(_("Enter a valid value."), code="invalid")
                ]
                exclude.add(field.name)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            check = None
            if isinstance(field, (models.CharField, models.TextField)):
                check = check_text
            elif isinstance(field, models.JSONField):
                check = check_json_value
            if check is not None:
                value = getattr(self, field.attname)
                if value is None and not field.null:
                    # Django skips a blank=True field's None: the database would not
                    errors[field.name] = [
                        ValidationError(field.error_messages["null"], code="null")
                    ]
                    continue
                try:
                    check(value)
                except ValidationError as error:
                    errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class RuleVersionQuerySet(models.QuerySet):
    """Rule versions are append-only: no bulk update or delete through the ORM."""

    def update(self, **kwargs):
        raise PermissionError("Rule versions are never edited: adopt a motion.")

    def delete(self):
        raise PermissionError("Rule versions are never deleted: adopt a motion.")

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        # the registry's defaults (no motion) are the one bulk write allowed
        if any(obj.motion_id for obj in objs) and not _RULE_WRITING.get():
            raise PermissionError("A rule changes only through an adopted motion.")
        return super().bulk_create(objs, *args, **kwargs)


class RuleVersion(BaseModel):
    """One value of one rule, in force from `effective_at` until the next version.

    Written only by the rules registry: the defaults at migration time (no
    motion, at most one per rule), and afterwards only by the enactment of an
    adopted motion (`governance.enactment`). Never edited.
    """

    key = models.CharField(_("rule"), max_length=80)
    value = models.JSONField(_("value"))
    effective_at = models.DateTimeField(_("in force from"))
    # by name: the registry sits below governance and never imports it
    motion = models.ForeignKey(
        "governance.Motion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rule_versions",
        verbose_name=_("adopted by"),
    )

    objects = RuleVersionQuerySet.as_manager()

    class Meta(BaseModel.Meta):
        db_table = "governance_ruleversion"  # moved from governance: the table stays
        triggers = append_only("rule_version")  # PostgreSQL refuses edits and deletes
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["key", "effective_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_at"], name="rule_version_once"
            ),
            # the only version without a motion is the code's default, once per rule:
            # every other version must name the motion that adopted it
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(motion__isnull=True),
                name="rule_version_one_default",
            ),
        ]

    def __str__(self):
        return f"{self.key} = {self.value} ({self.effective_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not _RULE_WRITING.get():
            raise PermissionError("A rule changes only through an adopted motion.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Rule versions are never deleted: adopt a motion.")

    @property
    def is_default(self) -> bool:
        return not self.motion_id
