"""Times in the member's time zone; the Content-Security-Policy; staff's second factor."""

import zoneinfo

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from marketplace import two_factor
from marketplace.accounts import request_member
from marketplace.two_factor import mfa_missing

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


class StaffTwoFactorMiddleware:
    """Staff without two-factor authentication (marketplace.two_factor) reach
    only what it takes to set it up: allauth's two-factor pages (and the
    re-authentication they may ask for), the page explaining why, the e-mail
    confirmation pages (activation needs a verified address), sign-out, the
    language switch and static files. Any other page sends them to the
    explanation; the API answers 403 with the code ``mfa_required``."""

    ALLOWED_NAMES = frozenset(
        {
            "two_factor_required",
            "account_logout",
            "account_reauthenticate",
            "account_email",
            "account_email_verification_sent",
            "account_confirm_email",
            "set_language",
            "javascript-catalog",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not mfa_missing(user):
            return None
        if self._allowed(request):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "error": {
                        "code": two_factor.ERROR_CODE,
                        "detail": str(two_factor.MESSAGE),
                    }
                },
                status=403,
            )
        return redirect("two_factor_required")

    def _allowed(self, request) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        match = request.resolver_match
        name = getattr(match, "url_name", None) or ""
        return name in self.ALLOWED_NAMES or name.startswith("mfa_")
