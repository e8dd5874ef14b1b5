from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def bare(request):
    """The baseline: the same Django stack, reading the body, writing nothing."""
    request.body  # noqa: B018
    return HttpResponse(status=200)


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("config.urls")),
]
