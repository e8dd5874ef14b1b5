"""The WebSocket origin check: same host AND port as the socket's Host header.

Channels' AllowedHostsOriginValidator compares the Origin's host with
ALLOWED_HOSTS and ignores the port, so a page served on another port of an
allowed host (another application on the same machine) could open a member's
sockets with their cookies. Here the Origin must name the same host and port
the socket was opened on (and that host must be allowed).
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def _origin(value: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower(), str(port or DEFAULT_PORTS[parts.scheme])


def same_origin(origin: str, host_header: str, scheme: str) -> bool:
    """True when `origin` names the host and port of `host_header` (an allowed host)."""
    found = _origin(origin)
    if found is None:
        return False
    host, port = split_domain_port(host_header) if host_header else ("", "")
    if not host_header:
        # no Host header (an in-process test client): the origin's host must
        # be allowed and its port the default one
        return validate_host(found[0], settings.ALLOWED_HOSTS) and found[1] in (
            "80",
            "443",
        )
    port = port or DEFAULT_PORTS.get(scheme, "80")
    host = host.strip("[]").lower()
    return (
        validate_host(host, settings.ALLOWED_HOSTS)
        and found[0].strip("[]") == host
        and found[1] == port
    )


class SameOriginValidator:
    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers") or [])
        origin = headers.get(b"origin", b"").decode("latin-1")
        host = headers.get(b"host", b"").decode("latin-1")
        if origin and same_origin(origin, host, scope.get("scheme", "ws")):
            return await self.application(scope, receive, send)
        denier = WebsocketDenier()
        return await denier(scope, receive, send)
