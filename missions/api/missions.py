"""Missions in the API: the contract, its milestones, deliveries, invoices, reviews."""

from django.db.models import prefetch_related_objects
from rest_framework import mixins, serializers, viewsets

from marketplace.accounts import request_member

from .. import actions, selectors
from ..matching import expert_names
from ..models import Delivery, Milestone, Mission, MissionFile, Review, side_of
from .disputes import DisputeSerializer
from .endpoints import add_actions, text_field
from .invoices import MissionInvoiceSerializer


class MilestoneSerializer(serializers.ModelSerializer):
    state = text_field("open, delivered, changes_requested or accepted")

    class Meta:
        model = Milestone
        fields = [
            "id",
            "position",
            "title",
            "amount_cents",
            "due_on",
            "state",
            "delivered_at",
            "auto_accept_at",
            "accepted_at",
            "accepted_by_silence",
        ]


class FileSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MissionFile
        fields = ["id", "name", "size", "content_type", "url"]


class DeliverySerializer(serializers.ModelSerializer):
    milestone = serializers.UUIDField(source="milestone_id", read_only=True)
    files = FileSerializer(many=True, read_only=True)

    class Meta:
        model = Delivery
        fields = ["id", "milestone", "message", "answer", "files", "created_at"]


class ReviewSerializer(serializers.ModelSerializer):
    author_side = text_field("company or expert")

    class Meta:
        model = Review
        fields = ["id", "author_side", "ratings", "rating", "text", "published_at"]


class MissionSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    expert = serializers.SerializerMethodField()
    state = text_field(
        "awarded, active, delivered, changes_requested, completed, cancelled or disputed"
    )
    cancellation_requested_by = text_field("company, expert or empty")
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Mission
        fields = [
            "id",
            "title",
            "state",
            "organization",
            "expert",
            "agreed_value_cents",
            "currency",
            "confirm_by",
            "started_at",
            "ended_at",
            "cancellation_requested_by",
            "reviews_due_at",
            "created_at",
            "available_actions",
        ]

    def get_expert(self, obj) -> str:
        """The expert's name, or alias for a pseudonymous expert not revealed to you."""
        names = self.context.get("expert_names")
        if names is None or obj.expert_id not in names:
            names = expert_names(missions=[obj], viewer=self.context["request"].user)
        return names[obj.expert_id]

    def get_available_actions(self, obj) -> list[str]:
        user = self.context["request"].user
        side = side_of(obj, request_member(self.context["request"]))
        return [name for name, _ in actions.mission_buttons(obj, user, side=side)]


class MissionDetailSerializer(MissionSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)
    deliveries = DeliverySerializer(many=True, read_only=True)
    invoices = MissionInvoiceSerializer(many=True, read_only=True)
    disputes = DisputeSerializer(many=True, read_only=True)
    reviews = serializers.SerializerMethodField()

    class Meta(MissionSerializer.Meta):
        fields = [
            *MissionSerializer.Meta.fields,
            "milestones",
            "deliveries",
            "invoices",
            "disputes",
            "reviews",
        ]

    def get_reviews(self, obj) -> list[dict]:
        side = side_of(obj, request_member(self.context["request"]))
        shown = [
            r for r in obj.reviews.all() if r.published_at or r.author_side == side
        ]
        return ReviewSerializer(shown, many=True).data


class MissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Missions of the viewer (company members, the expert; the mediator of a dispute)."""

    serializer_class = MissionSerializer

    def get_serializer_class(self):
        return MissionDetailSerializer if self.action != "list" else MissionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Mission.objects.none()
        member = request_member(self.request)
        if member is None:
            return selectors.missions_mediated(user=self.request.user)
        return selectors.missions_of(member=member)

    def get_object(self):
        mission = selectors.access_mission(
            user=self.request.user, mission_id=self.kwargs["pk"]
        )
        prefetch_related_objects(
            [mission],
            "milestones",
            "deliveries__files",
            "invoices",
            "disputes",
            "reviews",
        )
        return mission

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = self.get_serializer_context()
        context["expert_names"] = expert_names(missions=page, viewer=request.user)
        data = MissionSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


add_actions(MissionViewSet, actions.MISSION_ACTIONS, MissionDetailSerializer)
