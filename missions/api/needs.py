"""Needs in the API: a company's own; for an expert, the ones they may see."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from marketplace.accounts import request_member
from marketplace.models import Member

from .. import actions, selectors, services
from ..matching import needs_recommended
from ..models import Need, Proposal
from .endpoints import ErrorSerializer, add_actions, text_field, transitions_available
from .proposals import ProposalSerializer


class NeedSerializer(serializers.ModelSerializer):
    state = text_field("draft, published, closed, awarded, cancelled or expired")
    available_actions = serializers.SerializerMethodField()
    organization = serializers.CharField(source="organization.name", read_only=True)
    skills = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        required=False,
        write_only=True,
        help_text="skills wanted: skill id → weight (1 to 5)",
    )
    skill_weights = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = [
            "id",
            "state",
            "organization",
            *services.NEED_FIELDS,
            "skills",
            "skill_weights",
            "published_at",
            "created_at",
            "available_actions",
        ]
        read_only_fields = ["id", "state", "published_at", "created_at"]

    def get_available_actions(self, obj) -> list[str]:
        return transitions_available(obj, self.context["request"])

    def get_skill_weights(self, obj) -> dict[str, int]:
        """The skills wanted: skill id → weight (1 to 5)."""
        return {str(line.skill_id): line.weight for line in obj.skills.all()}


class RecommendedNeedSerializer(serializers.Serializer):
    need = NeedSerializer(source="obj", read_only=True)
    score = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="match score 0..100 (null: an open need listed after the matches)",
    )
    explanation = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="why, part by part"
    )


class NeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Needs: a company's own; for an expert, the ones they may see."""

    serializer_class = NeedSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        member = request_member(self.request)
        return (
            selectors.needs_visible_to(member)
            .select_related("organization")
            .prefetch_related("skills")
            .order_by("-created_at")
        )

    def get_object(self):
        return selectors.access_need(user=self.request.user, need_id=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.need_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.need_update(
            need=serializer.instance,
            by=self.request.user,
            **serializer.validated_data,
        )

    @extend_schema(
        request=inline_serializer(
            "NeedInvite",
            {"experts": serializers.ListField(child=serializers.UUIDField())},
        ),
        responses={200: NeedSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
    )
    @drf_action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        need = self.get_object()
        experts = Member.objects.filter(pk__in=request.data.get("experts") or [])
        services.need_invite(need=need, by=request.user, experts=list(experts))
        return Response(NeedSerializer(need, context={"request": request}).data)

    @extend_schema(responses=RecommendedNeedSerializer(many=True))
    @drf_action(detail=False, methods=["get"], pagination_class=None)
    def recommended(self, request):
        """Open needs recommended to the signed-in expert, best match first."""
        member = request_member(request)
        rows = []
        if member is not None and member.is_expert:
            rows = needs_recommended(member=member)
        return Response(
            RecommendedNeedSerializer(
                rows, many=True, context={"request": request}
            ).data
        )

    @extend_schema(responses=ProposalSerializer(many=True))
    @drf_action(detail=True, methods=["get"])
    def proposals(self, request, pk=None):
        need = self.get_object()
        member = request_member(request)
        if not (member and member.organization_id == need.organization_id):
            rows = Proposal.objects.none()
        else:
            rows = selectors.proposals_of_need(need=need).select_related("need")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            ProposalSerializer(page, many=True, context={"request": request}).data
        )


add_actions(NeedViewSet, actions.NEED_ACTIONS, NeedSerializer)
