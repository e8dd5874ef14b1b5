"""REST API of the marketplace app: who am I, and tokens."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from billing.selectors import membership_status

from .api_base import error_response
from .selectors import member_for_user


class OrganizationSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    role = serializers.CharField()


class MembershipSerializer(serializers.Serializer):
    active = serializers.BooleanField()
    until = serializers.DateField(allow_null=True)
    source = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    display_name = serializers.CharField()
    community = serializers.CharField(allow_null=True)
    language = serializers.CharField()
    organization = OrganizationSummarySerializer(allow_null=True)
    membership = MembershipSerializer(allow_null=True)
    is_staff = serializers.BooleanField()
    roles = serializers.ListField(child=serializers.CharField())


@extend_schema(responses=MeSerializer, tags=["account"])
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def me(request):
    """The signed-in member: community, organization and membership state."""
    user = request.user
    member = member_for_user(user)
    organization = None
    if member is not None and member.organization_id:
        organization = {
            "id": member.organization.pk,
            "name": member.organization.name,
            "role": member.organization_role,
        }
    data = {
        "id": member.pk if member else user.pk,
        "email": user.email,
        "display_name": member.display_name if member else user.email,
        "community": member.community if member else None,
        "language": member.language if member else "fr",
        "organization": organization,
        "membership": membership_status(member).as_dict() if member else None,
        "is_staff": user.is_staff,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }
    return Response(MeSerializer(data).data)


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
