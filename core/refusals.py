"""The one way a service says no.

A service raises `Refusal(message, code=..., status=...)`: a stable code for
programs, a translated message for people, and the HTTP status it means. It is
turned into what the reader gets in one place per interface:

- the API: `marketplace.api_base.exception_handler` answers
  `{"error": {"code": ..., "detail": ...}}` with `status`;
- pages: `core.middleware.RefusalMiddleware` shows the message on the page the
  person came from (or a page of its own, with `status`);
- sockets: the consumer sends `{"type": "error", "code": ..., "detail": ...}`.

A lack of right stays Django's PermissionDenied (403), a missing or hidden
object Http404: those already have one meaning everywhere.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class Refusal(Exception):
    """Not possible now: the state does not allow it, a rule forbids it, or a
    concurrent change won. Nothing was written."""

    def __init__(
        self, message: str = "", *, code: str = "conflict", status: int = 409
    ) -> None:
        self.message = message or str(_("This is not possible in the current state."))
        self.code = code
        self.status = status
        super().__init__(self.message)

    def as_dict(self) -> dict[str, str]:
        """The error body every interface shares: a code and a message."""
        return {"code": self.code, "detail": str(self.message)}
