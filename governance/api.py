"""REST API of governance: rules (read-only), motions, amendments, ballots, results.

Rules are read-only here on purpose: a rule changes only when an adopted
motion is enacted. Writes on motions go through `governance.services`.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import include, path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core import rules
from core.refusals import Refusal
from marketplace.accounts import request_member
from marketplace.api_base import ShownNameField

from . import selectors, services
from .models import Amendment, Choice, Motion, Result


class RuleVersionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    value = serializers.JSONField()
    effective_at = serializers.DateTimeField()
    is_default = serializers.BooleanField()
    motion = serializers.UUIDField(source="motion_id", allow_null=True)


class RuleSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(source="rule.label")
    description = serializers.CharField(source="rule.description")
    unit = serializers.CharField(source="rule.unit")
    constitutional = serializers.BooleanField(source="rule.constitutional")
    value = serializers.JSONField()
    versions = RuleVersionSerializer(many=True)


@extend_schema(responses=RuleSerializer(many=True), tags=["governance"])
@api_view(["GET"])
@permission_classes([AllowAny])
def rule_list(request):
    """Every platform rule, its value in force and its history.

    Read-only: rules change only by an adopted motion."""
    return Response(RuleSerializer(selectors.rules_overview(), many=True).data)


@extend_schema(responses=RuleSerializer, tags=["governance"])
@api_view(["GET"])
@permission_classes([AllowAny])
def rule_detail(request, key):
    if key not in rules.REGISTRY:
        raise Http404
    item = next(view for view in selectors.rules_overview() if view.key == key)
    return Response(RuleSerializer(item).data)


# --- motions -------------------------------------------------------------------


class MotionSerializer(serializers.ModelSerializer):
    author = ShownNameField()
    state = serializers.CharField(read_only=True)
    enactment = serializers.CharField(read_only=True)
    sponsors = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = [
            "id",
            "kind",
            "title",
            "rationale",
            "text",
            "changes",
            "is_charter",
            "review_on",
            "indicator",
            "author",
            "state",
            "enactment",
            "supermajority",
            "voting_opens_at",
            "voting_closes_at",
            "closed_at",
            "effective_at",
            "enacted_at",
            "sponsors",
            "created_at",
        ]
        read_only_fields = [
            "supermajority",
            "voting_opens_at",
            "voting_closes_at",
            "closed_at",
            "effective_at",
            "enacted_at",
            "created_at",
        ]

    def get_sponsors(self, motion) -> int:
        count = getattr(motion, "sponsor_count", None)
        return count if count is not None else motion.sponsorships.count()


class CommentSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    author = ShownNameField()
    body = serializers.CharField(max_length=5000)
    created_at = serializers.DateTimeField(read_only=True)


class AmendmentSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    author = ShownNameField()
    rationale = serializers.CharField()
    text = serializers.CharField(required=False, allow_blank=True, default="")
    changes = serializers.JSONField(required=False, default=dict)
    state = serializers.CharField(read_only=True)


class BallotInSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Choice.choices)
    receipt = serializers.CharField(required=False, allow_blank=True, max_length=40)


ReceiptSerializer = inline_serializer("Receipt", {"receipt": serializers.CharField()})
ResultSerializer = inline_serializer(
    "Result",
    {
        "tally": serializers.JSONField(),
        "digest": serializers.CharField(),
        "ballot_count": serializers.IntegerField(),
        "ballots_url": serializers.CharField(),
    },
)
ReceiptCheckSerializer = inline_serializer(
    "ReceiptCheck",
    {
        "found": serializers.BooleanField(),
        "receipt_hash": serializers.CharField(allow_null=True),
        "college": serializers.CharField(allow_null=True),
        "choice": serializers.CharField(allow_null=True),
    },
)


def _call(function, **kwargs):
    """Run a service and turn its refusals into the API's error shapes."""
    try:
        return function(**kwargs)
    except Refusal as refusal:
        if refusal.status == 403:  # the API's 403 body has said "permission_denied"
            raise exceptions.PermissionDenied(refusal.message) from None
        raise  # the API's exception handler answers with its code and status
    except ValidationError as error:
        raise exceptions.ValidationError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from None


@extend_schema(tags=["governance"])
class MotionViewSet(viewsets.GenericViewSet):
    """Motions: drafts, deliberation, votes and results. Reading is public."""

    serializer_class = MotionSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "pk"

    def get_queryset(self):
        return selectors.motion_list(
            state=self.request.query_params.get("state") or None,
            viewer=request_member(self.request),
        )

    def _motion(self):
        return selectors.access_motion(
            member=request_member(self.request), motion_id=self.kwargs["pk"]
        )

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=page, many=True
            ).data
        )

    def retrieve(self, request, pk=None):
        return Response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=self.get_object()
            ).data
        )

    def create(self, request):
        """Draft a motion: `kind` "rules" with `changes` {key: value}, or "text"."""
        serializer = MotionSerializer(
            context=self.get_serializer_context(), data=request.data
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        motion = _call(
            services.motion_create,
            author=request_member(request),
            kind=data["kind"],
            title=data["title"],
            rationale=data["rationale"],
            text=data.get("text", ""),
            changes=data.get("changes"),
            is_charter=data.get("is_charter", False),
            review_on=data.get("review_on"),
            indicator=data.get("indicator", ""),
        )
        return Response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=motion
            ).data,
            status=201,
        )

    def partial_update(self, request, pk=None):
        """The author edits a draft (title, rationale, text or changes)."""
        serializer = MotionSerializer(
            context=self.get_serializer_context(), data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        motion = _call(
            services.motion_edit,
            motion=self._motion(),
            by=request_member(request),
            **{
                k: data[k]
                for k in ("title", "rationale", "text", "changes")
                if k in data
            },
        )
        return Response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=motion
            ).data
        )

    def _transition(self, function, **kwargs):
        motion = _call(function, motion=self._motion(), **kwargs)
        return Response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=motion
            ).data
        )

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Draft → deliberation (author only)."""
        return self._transition(services.motion_submit, by=request_member(request))

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(services.motion_withdraw, by=request_member(request))

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="open-vote")
    def open_vote(self, request, pk=None):
        """Deliberation → voting, once `governance.sponsors_required` co-sponsors support it."""
        return self._transition(services.motion_open_vote, by=request_member(request))

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def sponsor(self, request, pk=None):
        motion = self._motion()
        _call(services.motion_sponsor, motion=motion, member=request_member(request))
        return Response(
            MotionSerializer(
                context=self.get_serializer_context(), instance=motion
            ).data
        )

    @extend_schema(request=CommentSerializer, responses=CommentSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        motion = self._motion()
        if request.method == "POST":
            serializer = CommentSerializer(
                context=self.get_serializer_context(), data=request.data
            )
            serializer.is_valid(raise_exception=True)
            comment = _call(
                services.motion_comment,
                motion=motion,
                member=request_member(request),
                body=serializer.validated_data["body"],
            )
            return Response(
                CommentSerializer(
                    context=self.get_serializer_context(), instance=comment
                ).data,
                status=201,
            )
        comments = motion.comments.select_related("author")
        return Response(
            CommentSerializer(
                context=self.get_serializer_context(), instance=comments, many=True
            ).data
        )

    @extend_schema(
        request=AmendmentSerializer, responses=AmendmentSerializer(many=True)
    )
    @action(detail=True, methods=["get", "post"])
    def amendments(self, request, pk=None):
        motion = self._motion()
        if request.method == "POST":
            serializer = AmendmentSerializer(
                context=self.get_serializer_context(), data=request.data
            )
            serializer.is_valid(raise_exception=True)
            amendment = _call(
                services.amendment_propose,
                motion=motion,
                member=request_member(request),
                **serializer.validated_data,
            )
            return Response(
                AmendmentSerializer(
                    context=self.get_serializer_context(), instance=amendment
                ).data,
                status=201,
            )
        amendments = motion.amendments.select_related("author")
        return Response(
            AmendmentSerializer(
                context=self.get_serializer_context(), instance=amendments, many=True
            ).data
        )

    @extend_schema(request=BallotInSerializer, responses=ReceiptSerializer)
    @action(detail=True, methods=["post"])
    def ballot(self, request, pk=None):
        """Cast a secret ballot (returns a receipt code, shown once), or replace it with
        the receipt code. Refused (409) outside the window or when already cast."""
        serializer = BallotInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        receipt = _call(
            services.ballot_cast,
            motion=self._motion(),
            member=request_member(request),
            choice=serializer.validated_data["choice"],
            receipt=serializer.validated_data.get("receipt") or None,
        )
        return Response({"receipt": receipt}, status=201)

    @extend_schema(responses=ResultSerializer)
    @action(detail=True, methods=["get"], permission_classes=[AllowAny])
    def results(self, request, pk=None):
        """The published tally, once the vote is closed (404 before)."""
        motion = self._motion()
        if not motion.is_closed:
            raise Http404
        result = Result.objects.defer("ballots").get(motion=motion)
        return Response(
            {
                "tally": result.tally,
                "digest": result.digest,
                "ballot_count": result.ballot_count,
                "ballots_url": request.build_absolute_uri(
                    f"/governance/motions/{motion.pk}/ballots.json"
                ),
            }
        )

    @extend_schema(
        responses=ReceiptCheckSerializer,
        parameters=[
            inline_serializer("ReceiptQuery", {"receipt": serializers.CharField()})
        ],
    )
    @action(
        detail=True, methods=["get"], url_path="receipt", permission_classes=[AllowAny]
    )
    def receipt(self, request, pk=None):
        """Is the ballot named by `?receipt=CODE` in the published list? (after close)"""
        motion = self._motion()
        if not motion.is_closed:
            raise Http404
        ballot = selectors.receipt_lookup(
            motion=motion, code=request.query_params.get("receipt", "")
        )
        return Response(
            {
                "found": ballot is not None,
                "receipt_hash": ballot.receipt_hash if ballot else None,
                "college": ballot.college if ballot else None,
                "choice": ballot.choice if ballot else None,
            }
        )


@extend_schema(tags=["governance"])
class AmendmentViewSet(viewsets.GenericViewSet):
    """The motion's author accepts or rejects an amendment."""

    queryset = Amendment.objects.select_related("motion")
    serializer_class = AmendmentSerializer

    def _decide(self, accept: bool):
        amendment = self.get_object()
        decided = _call(
            services.amendment_decide,
            amendment=amendment,
            by=request_member(self.request),
            accept=accept,
        )
        return Response(
            AmendmentSerializer(
                context=self.get_serializer_context(), instance=decided
            ).data
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(True)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(False)


router = SimpleRouter()
router.register("motions", MotionViewSet, basename="api-motion")
router.register("amendments", AmendmentViewSet, basename="api-amendment")

urlpatterns = [
    path("rules/", rule_list, name="api-rule-list"),
    path("rules/<str:key>/", rule_detail, name="api-rule-detail"),
    path("", include(router.urls)),
]
