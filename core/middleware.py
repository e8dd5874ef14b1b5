"""Pages: a Refusal raised by a service becomes a message the person reads."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .refusals import Refusal


class RefusalMiddleware:
    """A refused POST goes back where it came from with the message on top;
    anything else gets a short page saying why, with the refusal's status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
            return None
        if getattr(request, "path_info", "").startswith("/api/"):
            return None  # the API's exception handler answers in JSON
        back = request.headers.get("referer", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
            back,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            messages.error(request, exception.message)
            return redirect(back)
        return render(
            request,
            "core/refusal.html",
            {"refusal": exception},
            status=exception.status,
        )
