"""REST API of peer spaces, on the same access rules and services as the pages.

GET  /api/spaces/                    the member's spaces
GET  /api/spaces/{id}/               one space (charter, moderators)
GET  /api/spaces/{id}/threads/       threads, newest activity first (?q= searches, ?page=)
POST /api/spaces/{id}/threads/       start a thread {kind, title, body}
GET  /api/threads/{id}/posts/        posts in order (?page=)
POST /api/threads/{id}/posts/        reply {body, quote}

Anyone without access (visitors included) gets 404, as on the pages and sockets.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from marketplace.accounts import request_member

from . import selectors, services
from .access import shown_names, space_seat, thread_seat
from .live import post_event
from .models import POST_MAX_LENGTH, TITLE_MAX_LENGTH, Membership, Thread


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class SpaceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    profession = serializers.CharField(source="family")
    description = serializers.CharField()
    suspended = serializers.BooleanField(source="is_suspended")


class SpaceDetailSerializer(SpaceSerializer):
    charter = serializers.CharField()
    moderators = serializers.SerializerMethodField()

    @extend_schema_field(PersonSerializer(many=True))
    def get_moderators(self, space):
        return [
            {"id": row.member_id, "name": row.name}
            for row in selectors.moderators_of(space)
        ]


class ThreadSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=Thread.Kind.choices)  # ThreadKindEnum
    title = serializers.CharField()
    author = serializers.SerializerMethodField()
    post_count = serializers.IntegerField()
    last_post_at = serializers.DateTimeField()
    helpful_post = serializers.UUIDField(source="helpful_post_id", allow_null=True)
    websocket = serializers.SerializerMethodField()

    @extend_schema_field(PersonSerializer)
    def get_author(self, thread):
        return {"id": thread.author_id, "name": thread.author_name}

    def get_websocket(self, thread) -> str:
        return f"/ws/spaces/threads/{thread.pk}/"


class PostAttachmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()


class PostSerializer(serializers.Serializer):
    """A post as every reader sees it: a hidden one has no text, only the reason."""

    id = serializers.UUIDField()
    thread = serializers.UUIDField()
    author = PersonSerializer()
    body = serializers.CharField()
    quote = serializers.UUIDField(allow_null=True)
    created = serializers.DateTimeField()
    hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField()
    attachments = PostAttachmentSerializer(many=True)


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": POST_MAX_LENGTH})
class BodyField(serializers.CharField):
    """A post's text; `spaces.checks.check_body` in the service is its one check."""


class NewThreadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Thread.Kind.choices, default="discussion")
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, trim_whitespace=False)
    body = BodyField(trim_whitespace=False)


class NewPostSerializer(serializers.Serializer):
    body = BodyField(trim_whitespace=False)
    quote = serializers.UUIDField(required=False, allow_null=True)


PAGE = OpenApiParameter("page", int, required=False)
ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)
QUERY = OpenApiParameter("q", str, required=False, description="Search this space")


def _page(request) -> int:
    try:
        return max(1, min(int(request.query_params.get("page", 1)), 10_000))
    except ValueError:
        return 1


@extend_schema_view(
    retrieve=extend_schema(parameters=[ID]), threads=extend_schema(parameters=[ID])
)
class SpaceViewSet(viewsets.ViewSet):
    # anyone without access gets 404, visitors included: not 401 or 403
    permission_classes = [permissions.AllowAny]
    lookup_value_converter = "uuid"

    @extend_schema(responses=SpaceSerializer(many=True), summary="Your spaces")
    def list(self, request):
        member = request_member(request)
        if member is None or not member.is_expert:
            raise Http404
        rows = Membership.objects.filter(
            member=member, status=Membership.Status.ACTIVE
        ).select_related("space")
        return Response(SpaceSerializer([row.space for row in rows], many=True).data)

    @extend_schema(responses=SpaceDetailSerializer, summary="One space")
    def retrieve(self, request, pk=None):
        seat = space_seat(user=request.user, space_id=pk)
        return Response(SpaceDetailSerializer(seat.space).data)

    @extend_schema(
        methods=["GET"],
        parameters=[QUERY, PAGE],
        responses=ThreadSerializer(many=True),
        summary="Threads of a space",
    )
    @extend_schema(
        methods=["POST"],
        request=NewThreadSerializer,
        responses={201: ThreadSerializer},
        summary="Start a thread",
    )
    @action(detail=True, methods=["get", "post"])
    def threads(self, request, pk=None):
        seat = space_seat(user=request.user, space_id=pk)
        if request.method == "POST":
            data = NewThreadSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            thread = services.thread_create(seat=seat, **data.validated_data)
            thread.author_name = shown_names([seat.member])[seat.member.pk]
            return Response(
                ThreadSerializer(thread).data, status=status.HTTP_201_CREATED
            )
        rows = selectors.threads_of(
            seat, query=request.query_params.get("q", ""), page=_page(request)
        )
        return Response(ThreadSerializer(rows[: selectors.PAGE_SIZE], many=True).data)


@extend_schema_view(posts=extend_schema(parameters=[ID]))
class ThreadViewSet(viewsets.ViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_value_converter = "uuid"

    @extend_schema(
        methods=["GET"],
        parameters=[PAGE],
        responses=PostSerializer(many=True),
        summary="Posts of a thread",
    )
    @extend_schema(
        methods=["POST"],
        request=NewPostSerializer,
        responses={201: PostSerializer},
        summary="Reply",
    )
    @action(detail=True, methods=["get", "post"])
    def posts(self, request, pk=None):
        thread, seat = thread_seat(user=request.user, thread_id=pk)
        if request.method == "POST":
            data = NewPostSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            post = services.post_create(
                seat=seat,
                thread=thread,
                body=data.validated_data["body"],
                quote_id=data.validated_data.get("quote"),
            )
            event = post_event(post, shown_names([seat.member]))
            return Response(PostSerializer(event).data, status=status.HTTP_201_CREATED)
        posts = selectors.posts_of(thread, page=_page(request))
        events = [
            post_event(post, {post.author_id: post.author_name})
            for post in posts[: selectors.POSTS_PAGE_SIZE]
        ]
        return Response(PostSerializer(events, many=True).data)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("spaces", SpaceViewSet, basename="space")
router.register("threads", ThreadViewSet, basename="thread")

urlpatterns = router.urls
