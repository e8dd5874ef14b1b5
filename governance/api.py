"""REST API of governance: the rules, public like their page."""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import rules
from .selectors import rules_overview


class RuleVersionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    value = serializers.JSONField()
    effective_at = serializers.DateTimeField()
    is_default = serializers.BooleanField()


class RuleSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(source="rule.label")
    description = serializers.CharField(source="rule.description")
    unit = serializers.CharField(source="rule.unit")
    value = serializers.JSONField()
    versions = RuleVersionSerializer(many=True)


@extend_schema(responses=RuleSerializer(many=True), tags=["governance"])
@api_view(["GET"])
@permission_classes([AllowAny])
def rule_list(request):
    """Every platform rule, its value in force and its history (read-only: rules change only by vote)."""
    return Response(RuleSerializer(rules_overview(), many=True).data)


@extend_schema(responses=RuleSerializer, tags=["governance"])
@api_view(["GET"])
@permission_classes([AllowAny])
def rule_detail(request, key):
    if key not in rules.REGISTRY:
        raise Http404
    item = next(view for view in rules_overview() if view.key == key)
    return Response(RuleSerializer(item).data)


urlpatterns = [
    path("rules/", rule_list, name="api-rule-list"),
    path("rules/<str:key>/", rule_detail, name="api-rule-detail"),
]
