"""Disputes in the API: seen by the parties and the mediator; actions as POSTs."""

from rest_framework import mixins, serializers, viewsets

from marketplace.accounts import request_member

from .. import actions, selectors
from ..models import Dispute, side_of
from .endpoints import add_actions, text_field


class DisputeSerializer(serializers.ModelSerializer):
    state = text_field("opened, answered, proposed, resolved or decided")
    opened_by_side = text_field("company or expert")
    outcome = text_field("resume, complete or cancel (empty until proposed or decided)")
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Dispute
        fields = [
            "id",
            "mission",
            "state",
            "opened_by_side",
            "statement",
            "answer",
            "resolution",
            "outcome",
            "decision",
            "company_accepted_at",
            "expert_accepted_at",
            "created_at",
            "available_actions",
        ]

    def get_available_actions(self, obj) -> list[str]:
        side = side_of(obj.mission, request_member(self.context["request"]))
        return [
            name
            for name, _ in actions.dispute_buttons(
                obj, self.context["request"].user, side=side
            )
        ]


class DisputeViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A dispute, seen by the parties and its mediator."""

    serializer_class = DisputeSerializer
    queryset = Dispute.objects.none()

    def get_object(self):
        return selectors.access_dispute(
            user=self.request.user, dispute_id=self.kwargs["pk"]
        )


add_actions(DisputeViewSet, actions.DISPUTE_ACTIONS, DisputeSerializer)
