"""The project's URLs plus `/bench/bare/`: the same Django stack, no work (the floor)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


@csrf_exempt
def bare(request):
    """The baseline: every middleware, reading the body, no query, no template."""
    request.body  # noqa: B018
    return HttpResponse(b"ok")


# the project's list itself, not include(): its i18n_patterns must stay at the root
urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
