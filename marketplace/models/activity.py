"""What happened and who was told: the audit trail, notifications, e-mail choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.append_only import append_only
from core.models import BaseModel

from .accounts import Member, User


class AuditEvent(BaseModel):
    """One line of the audit trail: who did what to which object, when and why.

    Append-only. Every state transition of the platform writes one (from, to),
    as do other writes that someone may later need to account for.
    """

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=80)
    target_id = models.UUIDField(_("object"), db_index=True)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        triggers = append_only("audit", nullable=("actor",))  # in PostgreSQL
        ordering = ["created_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self):
        return f"{self.action} {self.target_type}:{self.target_id}"


class Notification(BaseModel):
    """A message to one member, shown in the app and maybe sent by e-mail."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["member", "read_at", "-created_at"])]

    def __str__(self):
        return self.title


class EmailPreference(BaseModel):
    """A member's choice to receive, or not, e-mails of one notification kind."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    enabled = models.BooleanField(_("send e-mails"), default=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind"], name="email_preference_once"
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.kind}"
