"""Notification kinds of spaces (members choose per kind which e-mails they get)."""

from django.utils.translation import gettext_lazy as _

from marketplace import notifications

DIGEST = "spaces.digest"

notifications.register(DIGEST, _("What happened this week in your peer spaces"))
