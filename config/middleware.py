"""Times are shown in the member's time zone (Europe/Paris by default)."""

import zoneinfo

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
