"""REST API of the marketplace app: API tokens."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from .api_base import error_response


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(
        trim_whitespace=False, style={"input_type": "password"}
    )


class TokenThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"


@extend_schema(
    request=TokenRequestSerializer,
    responses={
        200: inline_serializer("TokenResponse", {"token": serializers.CharField()})
    },
    tags=["account"],
    auth=[],
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([TokenThrottle])
def token(request):
    """Trade an e-mail and password for an API token (send it as `Authorization: Token …`)."""
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(
        request,
        email=serializer.validated_data["email"].lower(),
        password=serializer.validated_data["password"],
    )
    if user is None or not user.is_active:
        return error_response(
            "invalid_credentials",
            str(_("Unknown e-mail address or wrong password.")),
            status.HTTP_400_BAD_REQUEST,
        )
    token_row, _created = Token.objects.get_or_create(user=user)
    return Response({"token": token_row.key})


token.cls.throttle_scope = "token"
