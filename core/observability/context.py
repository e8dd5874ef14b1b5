"""The request id of what runs now: set per request, carried into its tasks."""

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")

# an id from the proxy (nginx's $request_id is 32 hex digits) is kept if it is sane
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and _ACCEPTED.match(incoming):
        return incoming
    return uuid.uuid4().hex


def current() -> str:
    return request_id.get()
