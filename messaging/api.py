"""REST API of conversations, on the same services as the WebSocket consumer.

GET  /api/conversations/                the member's conversations, unread counts
GET  /api/conversations/{id}/messages/  messages, newest first, cursor-paginated
POST /api/conversations/{id}/messages/  send {body, client_id}: 201, or 200 (a retry)
POST /api/conversations/{id}/read/      {up_to: message id}
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from core.refusals import Refusal
from marketplace.accounts import request_member

from . import selectors, services
from .models import MESSAGE_MAX_LENGTH, Message, MessageAttachment, Participant


class AuthorSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MessageAttachment
        fields = ["id", "name", "size", "content_type", "url"]


class MessageSerializer(serializers.ModelSerializer):
    """A message; `context["conversation"]` names its author (aliases included)."""

    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    created = serializers.DateTimeField(source="created_at")
    edited = serializers.SerializerMethodField()
    deleted = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True)

    class Meta:
        model = Message
        fields = [
            "id",
            "seq",
            "client_id",
            "kind",
            "author",
            "body",
            "created",
            "edited",
            "deleted",
            "attachments",
        ]

    @extend_schema_field(AuthorSerializer(allow_null=True))
    def get_author(self, message):
        if message.author is None:
            return None
        conversation = self.context["conversation"]
        return {
            "id": message.author.pk,
            "name": selectors.shown_name(conversation, message.author),
        }

    def get_body(self, message) -> str:
        return (
            message.system_text if message.kind == Message.Kind.SYSTEM else message.body
        )

    def get_edited(self, message) -> bool:
        return message.edited_at is not None

    def get_deleted(self, message) -> bool:
        return message.deleted_at is not None


class ConversationSerializer(serializers.Serializer):
    """A conversation as one participant sees it."""

    id = serializers.UUIDField(source="conversation.id")
    kind = serializers.CharField(source="conversation.kind")
    subject = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    unread = serializers.IntegerField()
    last_message_at = serializers.DateTimeField(source="conversation.last_message_at")
    read_only = serializers.BooleanField(source="conversation.is_read_only")
    websocket = serializers.SerializerMethodField()

    def get_subject(self, row) -> str:
        return str(row.conversation.subject.pk)

    def get_title(self, row) -> str:
        conversation = row.conversation
        if conversation.kind == conversation.Kind.PROPOSAL:
            return conversation.proposal.need.title
        return conversation.mission.title

    def get_websocket(self, row) -> str:
        return f"/ws/conversations/{row.conversation.pk}/"


@extend_schema_field(
    {"type": "string", "minLength": 1, "maxLength": MESSAGE_MAX_LENGTH}
)
class BodyField(serializers.CharField):
    """A message's text; `check_body` in the service is its one check."""


class SendSerializer(serializers.Serializer):
    body = BodyField(trim_whitespace=False)
    client_id = serializers.UUIDField(
        required=False,
        help_text="Chosen by the client; a retry with it stores nothing new.",
    )


class ReadSerializer(serializers.Serializer):
    up_to = serializers.UUIDField()


class MessageCursor(pagination.CursorPagination):
    ordering = "-seq"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ConversationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ConversationSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self):
        member = request_member(self.request)
        if member is None:
            return Participant.objects.none()
        return selectors.conversations_of(member=member)

    def _access(self, pk):
        try:
            return services.access_conversation(
                user=self.request.user, conversation_id=pk
            )
        except PermissionDenied:
            raise Http404 from None

    @extend_schema(
        methods=["GET"],
        responses=MessageSerializer(many=True),
        summary="Messages, newest first",
    )
    @extend_schema(
        methods=["POST"],
        request=SendSerializer,
        responses={201: MessageSerializer, 200: MessageSerializer},
        summary="Send a message",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=MessageCursor)
    def messages(self, request, pk=None):
        conversation, participant = self._access(pk)
        if request.method == "POST":
            data = SendSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            sent = services.message_send(
                conversation=conversation,
                author=participant.member,
                body=data.validated_data["body"],
                client_id=data.validated_data.get("client_id"),
            )
            code = status.HTTP_201_CREATED if sent.created else status.HTTP_200_OK
            data = MessageSerializer(
                sent.message, context={"conversation": conversation}
            )
            return Response(data.data, status=code)
        queryset = (
            Message.objects.filter(conversation=conversation)
            .select_related("author")
            .prefetch_related("attachments")
        )
        page = self.paginate_queryset(queryset)
        data = MessageSerializer(
            page, many=True, context={"conversation": conversation}
        )
        return self.get_paginated_response(data.data)

    @extend_schema(
        request=ReadSerializer, responses={204: None}, summary="Mark as read"
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        conversation, participant = self._access(pk)
        data = ReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        seq = selectors.message_seq(
            conversation=conversation, message_id=data.validated_data["up_to"]
        )
        if seq is None:
            raise Refusal("No such message here.", code="unknown_message", status=400)
        services.conversation_mark_read(
            conversation=conversation, member=participant.member, up_to_seq=seq
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("conversations", ConversationViewSet, basename="conversation")

urlpatterns = router.urls
