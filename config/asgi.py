"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from billing.asgi import webhook_router  # noqa: E402
from core.observability.asgi import count_sockets  # noqa: E402

from .origins import SameOriginValidator  # noqa: E402
from .routing import StaffTwoFactorGuard, websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # the Stripe webhook skips Django's middleware: its signature is its
        # authentication, and it must acknowledge hundreds of events a second
        "http": webhook_router(django_asgi_app),
        # the Origin must be this host AND port (config/origins.py)
        "websocket": count_sockets(
            SameOriginValidator(
                AuthMiddlewareStack(
                    StaffTwoFactorGuard(URLRouter(websocket_urlpatterns))
                )
            )
        ),
    }
)
