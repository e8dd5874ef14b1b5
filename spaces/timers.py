"""Periodic jobs of spaces: the weekly digest, and closing moderators' confirmation votes."""

from marketplace import periodic

from .digest import spaces_send_digests as _send_digests
from .services.confirmation import moderators_confirm_close as _confirm_close


@periodic.job(every=3600)
def spaces_send_digests() -> int:
    return _send_digests()


@periodic.job(every=3600)
def moderators_confirm_close() -> int:
    return _confirm_close()
