"""Notification kinds of messaging (members choose per kind which e-mails they get)."""

from django.utils.translation import gettext_lazy as _

from marketplace import notifications

DIGEST = "messages.digest"

notifications.register(DIGEST, _("Unread messages (a digest when you are away)"))
