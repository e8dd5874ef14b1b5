"""REST API of the skill taxonomy."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .. import selectors, services
from ..accounts import access_member


class SkillSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name_fr = serializers.CharField(max_length=120)
    name_en = serializers.CharField(max_length=120, required=False, allow_blank=True)
    category = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)


@extend_schema(
    tags=["skills"],
    parameters=[OpenApiParameter("q", str)],
    request=SkillSerializer,
    responses=SkillSerializer(many=True),
    methods=["GET", "POST"],
)
@api_view(["GET", "POST"])
def skills(request):
    """The skill taxonomy; POST proposes a new skill (moderators approve and merge)."""
    member = access_member(request, refuse=PermissionDenied)
    if request.method == "POST":
        serializer = SkillSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        skill = services.skill_propose(member=member, **serializer.validated_data)
        return Response(SkillSerializer(skill).data, status=status.HTTP_201_CREATED)
    queryset = selectors.skills_usable(member=member)
    if q := request.query_params.get("q", "").strip():
        queryset = queryset.filter(Q(name_fr__icontains=q) | Q(name_en__icontains=q))
    return Response(SkillSerializer(queryset.order_by("name_fr"), many=True).data)
