"""What the marketplace's page views share: who may open them, and how refusals
from forms and services are shown."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError

from . import services
from .accounts import access_member


def member_required(view):
    """Signed in and a member of a community (staff accounts have no profile pages)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.member = access_member(request, refuse=PermissionDenied)
        return view(request, *args, **kwargs)

    return wrapper


def expert_required(view):
    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.member.is_expert:
            raise PermissionDenied
        request.profile = services.profile_get_or_create(member=request.member)
        return view(request, *args, **kwargs)

    return wrapper


def errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def form_errors(form) -> ValidationError:
    return ValidationError(
        [error for errors in form.errors.values() for error in errors]
    )


def attach_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form's fields (or above them)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def image_type(name: str) -> str:
    return "image/png" if name.endswith(".png") else "image/jpeg"
