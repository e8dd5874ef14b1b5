"""Proposals in the API: an expert's answers (create = submit, PATCH = revise)."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from marketplace.accounts import request_member

from .. import actions, selectors, services
from ..matching import expert_label
from ..models import Need, Proposal
from .endpoints import (
    ActionRequestSerializer,
    ErrorSerializer,
    add_actions,
    text_field,
    transitions_available,
)
from .missions import FileSerializer, MissionSerializer


class ProposalSerializer(serializers.ModelSerializer):
    need = serializers.PrimaryKeyRelatedField(queryset=Need.objects.all())
    expert = serializers.SerializerMethodField()
    value_cents = serializers.IntegerField(read_only=True)
    state = text_field("submitted, shortlisted, accepted, declined or withdrawn")
    attachments = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "need",
            "expert",
            "state",
            "revision",
            *services.PROPOSAL_FIELDS,
            "value_cents",
            "currency",
            "attachments",
            "created_at",
            "available_actions",
        ]
        read_only_fields = ["id", "state", "revision", "currency", "created_at"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_attachments(self, obj) -> list[dict]:
        """Files sent with the proposal (name, size, type, download url)."""
        return FileSerializer(obj.files.all(), many=True).data

    def get_expert(self, obj) -> str:
        return expert_label(proposal=obj, viewer=self.context["request"].user)

    def get_available_actions(self, obj) -> list[str]:
        return transitions_available(obj, self.context["request"])


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """An expert's proposals (create = submit, PATCH = revise, history kept)."""

    serializer_class = ProposalSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        member = request_member(self.request)
        if member is None:
            return Proposal.objects.none()
        return selectors.proposals_of_expert(member=member)

    def get_object(self):
        return selectors.access_proposal(
            user=self.request.user, proposal_id=self.kwargs["pk"]
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        need = selectors.access_need(
            user=self.request.user, need_id=data.pop("need").pk
        )
        serializer.instance = services.proposal_submit(
            need=need, by=self.request.user, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("need", None)
        serializer.instance = services.proposal_revise(
            proposal=serializer.instance, by=self.request.user, **data
        )

    @extend_schema(
        request=ActionRequestSerializer,
        responses={201: MissionSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
        summary="Accept the proposal: award the need, create the mission",
    )
    @drf_action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        proposal = self.get_object()
        mission = services.proposal_accept(proposal=proposal, by=request.user)
        return Response(
            MissionSerializer(mission, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


add_actions(
    ProposalViewSet, actions.PROPOSAL_ACTIONS, ProposalSerializer, skip=("accept",)
)
