"""Per-request settings a member chose: their time zone."""

import zoneinfo

from django.utils import timezone

from .accounts import request_member


class MemberTimeZoneMiddleware:
    """Dates and times on every page in the member's own time zone.

    Placed after AuthenticationMiddleware (it reads `request.user`). Visitors
    and staff without a member keep the site's zone (Europe/Paris).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        member = request_member(request)
        try:
            timezone.activate(zoneinfo.ZoneInfo(member.time_zone))
        except (AttributeError, zoneinfo.ZoneInfoNotFoundError, ValueError):
            # no member, or a zone this machine no longer knows
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
