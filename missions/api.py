"""REST API of missions: needs, proposals, missions, disputes, invoices.

Transitions are POST actions (`/api/missions/{id}/confirm/`, ...) sharing the
table of `missions.actions` with the pages. A refusal by state is 409, by role
403, both with the shared error body (marketplace.api_base).
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from marketplace.api_base import Conflict
from marketplace.selectors import member_for_user

from . import actions, selectors, services
from .errors import TransitionRefused
from .models import (
    Delivery,
    Dispute,
    Invoice,
    Milestone,
    Mission,
    MissionFile,
    Need,
    Proposal,
    Review,
    side_of,
)

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


def _available(obj, request) -> list[str]:
    return [t.name for t in obj.get_available_user_state_transitions(request.user)]


def _text_field(help_text: str):
    return serializers.CharField(read_only=True, help_text=help_text)


class NeedSerializer(serializers.ModelSerializer):
    state = _text_field("draft, published, closed, awarded, cancelled or expired")
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
        return _available(obj, self.context["request"])

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


class ProposalSerializer(serializers.ModelSerializer):
    need = serializers.PrimaryKeyRelatedField(queryset=Need.objects.all())
    expert = serializers.SerializerMethodField()
    value_cents = serializers.IntegerField(read_only=True)
    state = _text_field("submitted, shortlisted, accepted, declined or withdrawn")
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
        from .matching import expert_label

        return expert_label(proposal=obj, viewer=self.context["request"].user)

    def get_available_actions(self, obj) -> list[str]:
        return _available(obj, self.context["request"])


class MilestoneSerializer(serializers.ModelSerializer):
    state = _text_field("open, delivered, changes_requested or accepted")

    class Meta:
        model = Milestone
        fields = [
            "id",
            "position",
            "title",
            "amount_cents",
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


class MissionInvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        fields = ["id", "number", "amount_cents", "currency", "issued_on", "paid_on"]


class DisputeSerializer(serializers.ModelSerializer):
    state = _text_field("opened, answered, proposed, resolved or decided")
    opened_by_side = _text_field("company or expert")
    outcome = _text_field(
        "resume, complete or cancel (empty until proposed or decided)"
    )
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
        side = side_of(obj.mission, member_for_user(self.context["request"].user))
        return [
            name
            for name, _ in actions.dispute_buttons(
                obj, self.context["request"].user, side=side
            )
        ]


class ReviewSerializer(serializers.ModelSerializer):
    author_side = _text_field("company or expert")

    class Meta:
        model = Review
        fields = ["id", "author_side", "ratings", "rating", "text", "published_at"]


class MissionSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    expert = serializers.SerializerMethodField()
    state = _text_field(
        "awarded, active, delivered, changes_requested, completed, cancelled or disputed"
    )
    cancellation_requested_by = _text_field("company, expert or empty")
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
        from .matching import expert_names

        names = self.context.get("expert_names")
        if names is None or obj.expert_id not in names:
            names = expert_names(missions=[obj], viewer=self.context["request"].user)
        return names[obj.expert_id]

    def get_available_actions(self, obj) -> list[str]:
        user = self.context["request"].user
        side = side_of(obj, member_for_user(user))
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
        side = side_of(obj, member_for_user(self.context["request"].user))
        shown = [
            r for r in obj.reviews.all() if r.published_at or r.author_side == side
        ]
        return ReviewSerializer(shown, many=True).data


def _action_endpoint(name: str, item: actions.Action, serializer_class, *, refetch):
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
        try:
            result = item.run(
                obj, request.user, request.data, request.FILES.getlist("files")
            )
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc
        except ValidationError:
            raise
        target = refetch(self, obj, result)
        return Response(serializer_class(target, context={"request": request}).data)

    endpoint.__name__ = endpoint.__qualname__ = name
    return drf_action(detail=True, methods=["post"], url_path=name, url_name=name)(
        endpoint
    )


def _same(viewset, obj, result):
    return viewset.get_object()


def _add_actions(viewset, table, serializer_class, refetch=_same, skip=()):
    for name, item in table.items():
        if name not in skip:
            setattr(
                viewset,
                name,
                _action_endpoint(name, item, serializer_class, refetch=refetch),
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
        member = member_for_user(self.request.user)
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
        try:
            serializer.instance = services.need_update(
                need=serializer.instance,
                by=self.request.user,
                **serializer.validated_data,
            )
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc

    @extend_schema(
        request=inline_serializer(
            "NeedInvite",
            {"experts": serializers.ListField(child=serializers.UUIDField())},
        ),
        responses={200: NeedSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
    )
    @drf_action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        from marketplace.models import Member

        need = self.get_object()
        experts = Member.objects.filter(pk__in=request.data.get("experts") or [])
        try:
            services.need_invite(need=need, by=request.user, experts=list(experts))
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc
        return Response(NeedSerializer(need, context={"request": request}).data)

    @extend_schema(responses=RecommendedNeedSerializer(many=True))
    @drf_action(detail=False, methods=["get"])
    def recommended(self, request):
        """Open needs recommended to the signed-in expert, best match first."""
        from . import matching

        member = member_for_user(request.user)
        rows = []
        if member is not None and member.is_expert:
            rows = matching.needs_recommended(member=member)
        return Response(
            RecommendedNeedSerializer(
                rows, many=True, context={"request": request}
            ).data
        )

    @extend_schema(responses=ProposalSerializer(many=True))
    @drf_action(detail=True, methods=["get"])
    def proposals(self, request, pk=None):
        need = self.get_object()
        member = member_for_user(request.user)
        if not (
            request.user.is_staff
            or (member and member.organization_id == need.organization_id)
        ):
            rows = Proposal.objects.none()
        else:
            rows = selectors.proposals_of_need(need=need).select_related("need")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            ProposalSerializer(page, many=True, context={"request": request}).data
        )


_add_actions(NeedViewSet, actions.NEED_ACTIONS, NeedSerializer)


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
        member = member_for_user(self.request.user)
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
        try:
            serializer.instance = services.proposal_submit(
                need=need, by=self.request.user, **data
            )
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("need", None)
        try:
            serializer.instance = services.proposal_revise(
                proposal=serializer.instance, by=self.request.user, **data
            )
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc

    @extend_schema(
        request=ActionRequestSerializer,
        responses={201: MissionSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
        summary="Accept the proposal: award the need, create the mission",
    )
    @drf_action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        proposal = self.get_object()
        try:
            mission = services.proposal_accept(proposal=proposal, by=request.user)
        except TransitionRefused as exc:
            raise Conflict(exc.detail) from exc
        return Response(
            MissionSerializer(mission, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


_add_actions(
    ProposalViewSet, actions.PROPOSAL_ACTIONS, ProposalSerializer, skip=("accept",)
)


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
        member = member_for_user(self.request.user)
        if member is None:
            return selectors.missions_mediated(user=self.request.user)
        return selectors.missions_of(member=member)

    def get_object(self):
        from django.db.models import prefetch_related_objects

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
        from .matching import expert_names

        page = self.paginate_queryset(self.get_queryset())
        context = self.get_serializer_context()
        context["expert_names"] = expert_names(missions=page, viewer=request.user)
        data = MissionSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


_add_actions(MissionViewSet, actions.MISSION_ACTIONS, MissionDetailSerializer)


class DisputeViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A dispute, seen by the parties and its mediator."""

    serializer_class = DisputeSerializer
    queryset = Dispute.objects.none()

    def get_object(self):
        return selectors.access_dispute(
            user=self.request.user, dispute_id=self.kwargs["pk"]
        )


_add_actions(DisputeViewSet, actions.DISPUTE_ACTIONS, DisputeSerializer)


class InvoiceViewSet(viewsets.GenericViewSet):
    """Invoices are declared on a mission; the company confirms the payment here."""

    serializer_class = MissionInvoiceSerializer
    queryset = Invoice.objects.none()

    def get_object(self):
        from django.http import Http404

        invoice = Invoice.objects.filter(pk=self.kwargs["pk"]).first()
        if invoice is None:
            raise Http404
        selectors.access_mission(user=self.request.user, mission_id=invoice.mission_id)
        return invoice


_add_actions(InvoiceViewSet, actions.INVOICE_ACTIONS, MissionInvoiceSerializer)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("needs", NeedViewSet, basename="need")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("missions", MissionViewSet, basename="mission")
router.register("disputes", DisputeViewSet, basename="dispute")
router.register("invoices", InvoiceViewSet, basename="invoice")

urlpatterns = router.urls
