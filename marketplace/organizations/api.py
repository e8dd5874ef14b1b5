"""REST API of organizations: one's own organization and its invitations."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .. import services
from ..accounts import access_member
from ..models import Organization


class OrganizationSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=200)
    sector = serializers.CharField(max_length=120, required=False, allow_blank=True)
    size = serializers.ChoiceField(
        choices=Organization.Size.choices, required=False, allow_blank=True
    )
    country = serializers.CharField(min_length=2, max_length=2, required=False)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True
    )


@extend_schema(
    tags=["organizations"],
    request=OrganizationSerializer,
    responses=OrganizationSerializer,
    methods=["GET", "PATCH"],
)
@api_view(["GET", "PATCH"])
def my_organization(request):
    member = access_member(request, refuse=PermissionDenied)
    if not member.is_company:
        raise PermissionDenied
    organization = member.organization
    if request.method == "PATCH":
        serializer = OrganizationSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organization = services.organization_update(
            organization=organization, by=member, **serializer.validated_data
        )
    return Response(OrganizationSerializer(organization).data)


@extend_schema(
    tags=["organizations"],
    request=inline_serializer("InvitationIn", {"email": serializers.EmailField()}),
    responses={
        201: inline_serializer("InvitationOut", {"email": serializers.EmailField()})
    },
)
@api_view(["POST"])
def my_organization_invitations(request):
    """Owners invite a colleague by e-mail."""
    member = access_member(request, refuse=PermissionDenied)
    if not member.is_company:
        raise PermissionDenied
    invitation = services.organization_invite(
        organization=member.organization, by=member, email=request.data.get("email", "")
    )
    return Response({"email": invitation.email}, status=status.HTTP_201_CREATED)
