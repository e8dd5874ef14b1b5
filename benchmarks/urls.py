"""The project's URLs plus `/bench/bare/`: the same Django stack, no work (the floor)."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare(request):
    """The baseline: every middleware, reading the body, no query, no template."""
    request.body  # noqa: B018
    return HttpResponse(b"ok")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("config.urls")),
]
