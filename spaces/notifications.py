"""Notification kinds of spaces (members choose per kind which e-mails they get)."""

from django.utils.translation import gettext_lazy as _

from marketplace import notifications

DIGEST = "spaces.digest"
MENTION = "spaces.mention"

notifications.register(DIGEST, _("What happened this week in your peer spaces"))
notifications.register(MENTION, _("A peer mentions you in a space or a circle"))
