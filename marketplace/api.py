"""REST API of the marketplace app: API tokens."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from . import api_tokens, two_factor
from .api_base import error_response


class ErrorSerializer(serializers.Serializer):
    error = inline_serializer(
        "TokenError",
        {"code": serializers.CharField(), "detail": serializers.CharField()},
    )


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(
        trim_whitespace=False, style={"input_type": "password"}
    )


class TokenThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"


def _too_many(error: DjangoValidationError) -> bool:
    return any(item.code == "too_many_login_attempts" for item in error.error_list)


@extend_schema(
    request=TokenRequestSerializer,
    responses={
        200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        400: ErrorSerializer,
        403: ErrorSerializer,
        429: ErrorSerializer,
    },
    tags=["account"],
    auth=[],
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([TokenThrottle])
def token(request):
    """Trade an e-mail and password for an API token (send it as `Authorization: Token …`).

    Failed attempts count against the same limits as the sign-in page (per
    account and per client address: allauth's `login_failed`); an account
    whose e-mail address is not verified gets no token, nor does a staff
    account (its token comes from its account page, after two factors).
    """
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    email = serializer.validated_data["email"].lower()
    try:
        # allauth's adapter counts the failure per address and per account
        user = get_account_adapter(request).authenticate(
            request._request,
            email=email,
            password=serializer.validated_data["password"],
        )
    except DjangoValidationError as error:
        if not _too_many(error):
            raise
        return error_response(
            "too_many_attempts",
            str(_("Too many failed attempts: try again later.")),
            status.HTTP_429_TOO_MANY_REQUESTS,
        )
    if user is None or not user.is_active:
        return error_response(
            "invalid_credentials",
            str(_("Unknown e-mail address or wrong password.")),
            status.HTTP_400_BAD_REQUEST,
        )
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return error_response(
            "email_unverified",
            str(_("Confirm your e-mail address first (see the message we sent).")),
            status.HTTP_403_FORBIDDEN,
        )
    if two_factor.is_staff_account(user):
        # a password alone must not open a staff account: staff create their
        # token on their account page, signed in with their second factor
        return error_response(
            "second_factor_required",
            str(
                _(
                    "Staff accounts create their token on their account page "
                    "(API tokens), signed in with two-factor authentication."
                )
            ),
            status.HTTP_403_FORBIDDEN,
        )
    token_row, _created = Token.objects.get_or_create(user=user)
    return Response({"token": token_row.key})


token.cls.throttle_scope = "token"


class TokenInfoSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The token's first 8 characters.")
    created = serializers.DateTimeField()


def token_info(row: Token) -> dict:
    """What an owner sees of a token: never the whole key."""
    return {"id": api_tokens.shown_id(row), "created": row.created}


@extend_schema(responses=TokenInfoSerializer(many=True), tags=["account"])
@api_view(["GET"])
def tokens(request):
    """The signed-in member's API tokens (their first characters only)."""
    rows = api_tokens.tokens_of(request.user)
    return Response([token_info(row) for row in rows])


@extend_schema(responses={204: None, 404: ErrorSerializer}, tags=["account"])
@api_view(["DELETE"])
def token_revoke(request, token_id: str):
    """Revoke one of the signed-in member's tokens: it stops working at once."""
    if not api_tokens.token_revoke(user=request.user, token_id=token_id):
        return error_response(
            "not_found", str(_("No such token.")), status.HTTP_404_NOT_FOUND
        )
    return Response(status=status.HTTP_204_NO_CONTENT)
