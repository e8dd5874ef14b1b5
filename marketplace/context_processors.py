from django.conf import settings

from .selectors import member_for_user


def ouvrage(request):
    """What every page needs: the member behind the request and the version."""
    return {
        "member": member_for_user(getattr(request, "user", None)),
        "ouvrage_version": settings.VERSION,
    }
