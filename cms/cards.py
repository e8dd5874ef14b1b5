"""Public expert cards: an expert may show a card (headline, skills, selected
experiences, published reviews) to visitors and search engines, at a stable
address (the profile's id). Off by default; a pseudonymous expert's card shows
the alias and nothing that identifies them (no employer, no organization)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.accounts import request_member
from marketplace.models import ExpertProfile, PublicationStatus
from missions.models import Mission, Review


def public_cards():
    """The cards a visitor may see: published profiles whose expert turned the card on."""
    return ExpertProfile.objects.filter(
        public_card=True, status=PublicationStatus.PUBLISHED
    ).select_related("member")


def card_context(profile: ExpertProfile) -> dict:
    experiences = profile.experiences.filter(
        on_public_card=True, status=PublicationStatus.PUBLISHED
    )
    reviews = Review.objects.filter(
        mission__expert=profile.member,
        author_side=Mission.Side.COMPANY,
        published_at__isnull=False,
    ).order_by("-published_at")[:10]
    return {
        "profile": profile,
        # str(profile) is the shared rule: the alias under pseudonym, else the name
        "shown_name": str(profile),
        "skills": profile.skills.select_related("skill")[:20],
        "experiences": experiences,
        "reviews": reviews,
    }


def card(request, profile_id):
    profile = get_object_or_404(public_cards(), pk=profile_id)
    return render(request, "cms/card.html", card_context(profile))


@login_required
@require_http_methods(["GET", "POST"])
def my_card(request):
    """The expert turns their card on or off and picks the experiences it shows."""
    member = request_member(request)
    profile = getattr(member, "profile", None) if member is not None else None
    if profile is None:
        raise Http404
    experiences = profile.experiences.filter(status=PublicationStatus.PUBLISHED)
    if request.method == "POST":
        publish = request.POST.get("public_card") == "on"
        if publish and not profile.is_published:
            messages.error(request, _("Publish your profile first: the card shows it."))
            return redirect("cms:my_card")
        chosen = set(request.POST.getlist("experiences"))
        profile.public_card = publish
        profile.save(update_fields=["public_card", "updated_at"])
        for experience in experiences:
            shown = str(experience.pk) in chosen
            if experience.on_public_card != shown:
                experience.on_public_card = shown
                experience.save(update_fields=["on_public_card", "updated_at"])
        messages.success(
            request,
            _("Your public card is online.")
            if publish
            else _("Your public card is off."),
        )
        return redirect("cms:my_card")
    return render(
        request, "cms/my_card.html", {"profile": profile, "experiences": experiences}
    )
