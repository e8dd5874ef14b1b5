"""Times are shown in the member's time zone (Europe/Paris by default)."""

import zoneinfo

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.utils import timezone

from marketplace.accounts import request_member

DEFAULT_TIME_ZONE = "Europe/Paris"


class MemberTimeZoneMiddleware:
    """Activates the member's ``time_zone`` (when the Member has one) per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = DEFAULT_TIME_ZONE
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            member = request_member(request)
            name = getattr(member, "time_zone", "") or DEFAULT_TIME_ZONE
        try:
            timezone.activate(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY: no 'unsafe-inline'),
    loosened on the two admin sites only: Wagtail's admin and Django's admin
    write inline <script> blocks and style="" attributes of their own that the
    project does not control. Everything members and visitors see keeps the
    strict policy."""

    LOOSE_PREFIXES = ("/cms-admin/", "/admin/")
    LOOSE = {
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(self.LOOSE_PREFIXES):
            parts.update = {**(parts.update or {}), **self.LOOSE}
        return parts
