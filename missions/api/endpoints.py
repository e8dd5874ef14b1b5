"""What every missions endpoint shares: the error body, the inputs of actions,
and the POST endpoints built from the table of `missions.actions`.

A refusal by state (`core.refusals.Refusal`) is 409, by role 403, both with
the shared error body (`marketplace.api_base.exception_handler`).
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from .. import actions
from ..models import Dispute

ErrorSerializer = inline_serializer(
    "MissionsError",
    {
        "error": inline_serializer(
            "MissionsErrorBody",
            {"code": serializers.CharField(), "detail": serializers.CharField()},
        )
    },
)


class ActionRequestSerializer(serializers.Serializer):
    """Inputs of actions; each action reads the ones it needs."""

    reason = serializers.CharField(required=False, allow_blank=True)
    message = serializers.CharField(required=False, help_text="deliver")
    files = serializers.ListField(child=serializers.FileField(), required=False)
    statement = serializers.CharField(required=False, help_text="dispute")
    text = serializers.CharField(required=False, help_text="answer_statement, review")
    resolution = serializers.CharField(required=False, help_text="propose")
    decision = serializers.CharField(required=False, help_text="decide")
    precedent = serializers.CharField(required=False, help_text="decide")
    outcome = serializers.ChoiceField(choices=Dispute.Outcome.choices, required=False)
    number = serializers.CharField(required=False, help_text="declare_invoice")
    amount = serializers.CharField(
        required=False, help_text="declare_invoice, in euros"
    )
    issued_on = serializers.DateField(required=False)
    paid_on = serializers.DateField(required=False)
    ratings = serializers.DictField(child=serializers.IntegerField(), required=False)


def transitions_available(obj, request) -> list[str]:
    """The transitions the requesting user may fire on `obj` now."""
    return [t.name for t in obj.get_available_user_state_transitions(request.user)]


def text_field(help_text: str):
    """A read-only text field (states, sides) documented by `help_text`."""
    return serializers.CharField(read_only=True, help_text=help_text)


def action_endpoint(name: str, item: actions.Action, serializer_class, *, refetch):
    """A POST action that runs `item` on the viewset's object and returns it again."""

    @extend_schema(
        request=ActionRequestSerializer,
        responses={
            200: serializer_class,
            400: OpenApiResponse(ErrorSerializer, description="invalid input"),
            403: OpenApiResponse(ErrorSerializer, description="not allowed for you"),
            404: OpenApiResponse(
                ErrorSerializer, description="not found (or not visible)"
            ),
            409: OpenApiResponse(
                ErrorSerializer, description="not possible in this state"
            ),
        },
        summary=str(item.label),
    )
    def endpoint(self, request, pk=None):
        obj = self.get_object()
        result = item.run(
            obj, request.user, request.data, request.FILES.getlist("files")
        )
        target = refetch(self, obj, result)
        return Response(serializer_class(target, context={"request": request}).data)

    endpoint.__name__ = endpoint.__qualname__ = name
    return drf_action(detail=True, methods=["post"], url_path=name, url_name=name)(
        endpoint
    )


def _same(viewset, obj, result):
    return viewset.get_object()


def add_actions(viewset, table, serializer_class, refetch=_same, skip=()):
    """Give `viewset` one POST endpoint per action of `table` (but those in `skip`)."""
    for name, item in table.items():
        if name not in skip:
            setattr(
                viewset,
                name,
                action_endpoint(name, item, serializer_class, refetch=refetch),
            )
