"""What every API endpoint shares: error bodies and pagination.

Every error has the same shape::

    {"error": {"code": "not_found", "detail": "Not found.", "fields": {...}}}

`fields` appears for validation errors, keyed by field name.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, parsers, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.refusals import Refusal
from core.validators import JSON_MAX_DEPTH, loads_bounded

from . import identity
from .accounts import request_member


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class BoundedJSONParser(parsers.JSONParser):
    """JSON bodies nested at most JSON_MAX_DEPTH deep, with finite numbers only:
    anything else is a 400 (`parse_error`), never a RecursionError (500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return loads_bounded(stream.read(), JSON_MAX_DEPTH)
        except (ValueError, RecursionError) as error:
            raise exceptions.ParseError(f"JSON parse error - {error}") from None


class Conflict(Refusal):
    """A `Refusal` with status 409, for API views that still raise it by this name:
    the object's state does not allow this now (an FSM refusal, a race lost)."""

    def __init__(self, detail: str = "", code: str = "conflict") -> None:
        super().__init__(str(detail), code=code, status=status.HTTP_409_CONFLICT)


def exception_handler(exc, context):
    if isinstance(exc, Refusal):
        return Response({"error": exc.as_dict()}, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"code": _code(exc), "detail": _detail(exc, response.data)}
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        body["fields"] = response.data
    response.data = {"error": body}
    return response


def _code(exc) -> str:
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(codes, str):
        return codes
    return "invalid"


def _detail(exc, data) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return str(exceptions.ValidationError.default_detail)
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    return str(data)


def error_response(code: str, detail: str, http_status: int) -> Response:
    return Response({"error": {"code": code, "detail": detail}}, status=http_status)


def only_our_api(endpoints):
    """drf-spectacular hook: document /api/ only (not Wagtail's internal admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


@extend_schema_field(OpenApiTypes.STR)
class ShownNameField(serializers.Field):
    """A member's name as the request's member may see it (marketplace.identity):
    the alias of a pseudonymous expert not revealed to them. Needs the request
    in the serializer's context."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, member):
        request = self.context.get("request")
        viewer = request_member(request) if request is not None else None
        return identity.shown_name(member, viewer=viewer)
