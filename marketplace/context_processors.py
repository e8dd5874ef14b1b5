from django.conf import settings

from .accounts import request_member


def ouvrage(request):
    """What every page needs: the member behind the request and the version."""
    return {
        "member": request_member(request),
        "ouvrage_version": settings.VERSION,
    }
