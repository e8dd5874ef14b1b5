"""What every space view shares: who asks, and a refusal shown as a message."""

from django.contrib import messages
from django.http import Http404

from marketplace.accounts import request_member


def expert_or_404(request):
    """Spaces exist only for experts: anyone else gets 404, like a missing page."""
    member = request_member(request)
    if member is None or not member.is_expert:
        raise Http404
    return member


def refused(request, refusal) -> None:
    messages.error(request, refusal.message)
