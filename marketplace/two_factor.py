"""Two-factor authentication (allauth.mfa), required of staff.

An admin (``is_staff`` or ``is_superuser``), treasurer, moderator or mediator
must have an activated authenticator app (TOTP) before using anything else:
config.middleware sends their pages to the page explaining why (then to
allauth's activation), the API refuses their requests (session or token:
the authentication classes below) and config.asgi closes their sockets.
Members without a staff role are never asked.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as spectacular_authentication
from rest_framework import authentication, exceptions, status

from .role_checks import roles_of
from .roles import MEDIATOR, MODERATOR, TREASURER

STAFF_ROLES = frozenset({MODERATOR, TREASURER, MEDIATOR})
# the authenticators that make a second factor (recovery codes only back one up)
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# what the API and sockets answer
ERROR_CODE = "mfa_required"
MESSAGE = _(
    "Staff accounts must turn on two-factor authentication first: "
    "activate an authenticator app from your account (Two-factor authentication)."
)
# sockets: closed with this code (and ERROR_CODE as the reason)
CLOSE_MFA_REQUIRED = 4403

_CACHE = "_ouvrage_mfa_missing"


def is_staff_account(user) -> bool:
    """Admin, treasurer, moderator or mediator: the accounts that need two factors."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or roles_of(user) & STAFF_ROLES)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user_id=user.pk, type__in=SECOND_FACTORS
    ).exists()


def mfa_missing(user) -> bool:
    """True for a staff account without an activated authenticator (read once
    per user object: the middleware and the API both ask)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = is_staff_account(user) and not has_second_factor(user)
        setattr(user, _CACHE, cached)
    return cached


class MFARequired(exceptions.APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = MESSAGE
    default_code = ERROR_CODE


def _refuse_without_mfa(result):
    if result is not None and mfa_missing(result[0]):
        raise MFARequired()
    return result


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, refusing staff without two factors."""

    def authenticate(self, request):
        return _refuse_without_mfa(super().authenticate(request))


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, refusing staff without two factors: a token
    obtained before the rule, or by password alone, opens nothing until then."""

    def authenticate(self, request):
        return _refuse_without_mfa(super().authenticate(request))


class TwoFactorAdapter(DefaultMFAAdapter):
    """allauth.mfa's adapter: a staff account cannot turn its authenticator off
    (it would lock itself out of every page); an admin removes a lost one in
    the administration."""

    def can_delete_authenticator(self, authenticator) -> bool:
        if is_staff_account(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)


# the OpenAPI schema describes them as DRF's own (drf-spectacular knows those
# classes by name only): cookie and token authentication, unchanged
class SessionScheme(spectacular_authentication.SessionScheme):
    target_class = "marketplace.two_factor.SessionAuthentication"


class TokenScheme(spectacular_authentication.TokenScheme):
    target_class = "marketplace.two_factor.TokenAuthentication"
