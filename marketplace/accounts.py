"""Accounts: who is asking, and the django-allauth glue (where members land)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import Http404
from django.urls import reverse

from .models import Member
from .selectors import member_for_user


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("dashboard")


def request_member(request) -> Member | None:
    """The member behind a request (with its organization), or None.

    The one way views, API views and consumers get "who is asking": it reads
    `member_for_user`, which caches the member on the user for the request.
    """
    return member_for_user(getattr(request, "user", None))


def access_member(request, *, refuse: type[Exception] = Http404) -> Member:
    """The member behind a request; `refuse` (404 by default) when there is none."""
    member = request_member(request)
    if member is None:
        raise refuse
    return member
