"""REST API of matching: experts for a need (explained), the weights in force."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core import rules

from .. import selectors, services
from ..accounts import access_member
from ..profiles.serializers import ProfileCardSerializer, card_data
from .ranking import current_weights, experts_for_need
from .specs import need_spec_from


class NeedSpecSerializer(serializers.Serializer):
    skills = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        help_text="Skill id or slug -> weight from 1 to 5.",
        allow_empty=False,
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, default=list
    )
    budget_min_cents = serializers.IntegerField(min_value=0, required=False)
    budget_max_cents = serializers.IntegerField(min_value=0, required=False)
    start = serializers.DateField(required=False)
    days_per_week = serializers.IntegerField(min_value=1, max_value=5, required=False)
    remote = serializers.ChoiceField(
        choices=["onsite", "hybrid", "remote"], default="hybrid"
    )
    location = serializers.CharField(max_length=120, required=False, default="")
    kind = serializers.CharField(max_length=20, required=False, default="")
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)


class PartSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    fit = serializers.FloatField()
    weight = serializers.IntegerField()
    points = serializers.FloatField()


class ExplanationSerializer(serializers.Serializer):
    score = serializers.FloatField()
    parts = PartSerializer(many=True)


class ExpertMatchSerializer(serializers.Serializer):
    expert = ProfileCardSerializer()
    explanation = ExplanationSerializer()


@extend_schema(
    tags=["matching"],
    request=NeedSpecSerializer,
    responses=ExpertMatchSerializer(many=True),
)
@api_view(["POST"])
def match_experts(request):
    """Rank experts for a need described in the body, each with its explanation."""
    member = access_member(request, refuse=PermissionDenied)
    serializer = NeedSpecSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    wanted = {}
    for key, weight in data.pop("skills").items():
        skill = selectors.skill_by_slug(key)
        if skill is None:
            try:
                skill = services.skill_resolve(skill_id=key)
            except ValidationError:
                raise ValidationError(
                    {"skills": f"Unknown skill: {key[:60]}"}
                ) from None
        wanted[str(skill.pk)] = weight
    limit = data.pop("limit")
    need = need_spec_from(id="api", skills=wanted, **data)
    results = experts_for_need(
        need,
        viewer_org=selectors.viewer_organization(member),
        viewer=member,
        limit=limit,
    )
    return Response(
        [
            {
                "expert": card_data(match.subject),
                "explanation": match.explanation.as_dict(),
            }
            for match in results
        ]
    )


@extend_schema(
    tags=["matching"],
    responses=inline_serializer(
        "MatchingWeights",
        {
            "weights": serializers.DictField(child=serializers.IntegerField()),
            "history": serializers.ListField(child=serializers.DictField()),
        },
    ),
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def matching_weights(request):
    """Public: the weights in force and every version with its date."""
    return Response(
        {
            "weights": current_weights(),
            "history": [
                {"effective_at": version.effective_at, "value": version.value}
                for version in rules.history("matching.weights")
            ],
        }
    )
