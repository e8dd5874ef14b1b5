"""The project's own API endpoint: who am I (member, organization, membership)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from billing.selectors import membership_status
from marketplace.selectors import member_for_user


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
