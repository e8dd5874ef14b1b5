"""Pages for an expert's privacy: pseudonymous mode, hide list, reveals,
counsellors; and every member's own data (export and erasure)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, services
from ..models import CounsellorInvitation, HiddenFrom, IdentityReveal
from ..pages import (
    attach_errors,
    errors_to_messages,
    expert_required,
    form_errors,
    member_required,
)
from . import forms as profile_forms
from . import privacy


@expert_required
@require_http_methods(["GET", "POST"])
def profile_privacy(request):
    profile = request.profile
    form = profile_forms.PseudonymForm(
        request.POST or None,
        initial={"pseudonymous": profile.pseudonymous, "alias": profile.alias},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                profile=profile, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your privacy settings are saved."))
            return redirect("marketplace:profile_privacy")
    context = {
        "form": form,
        "profile": profile,
        "hidden": HiddenFrom.objects.filter(profile=profile).select_related(
            "organization"
        ),
        "reveals": IdentityReveal.objects.filter(profile=profile)
        .select_related("organization")
        .order_by("-created_at"),
        "counsellors": CounsellorInvitation.objects.filter(
            profile=profile, revoked_at__isnull=True
        ).select_related("counsellor"),
        "organization_form": profile_forms.OrganizationChoiceForm(),
        "email_form": forms.EmailForm(),
    }
    return render(request, "marketplace/profile_privacy.html", context)


@expert_required
@require_POST
def profile_privacy_action(request):
    profile = request.profile
    action = request.POST.get("action")
    try:
        if action in {"hide", "reveal"}:
            form = profile_forms.OrganizationChoiceForm(request.POST)
            if not form.is_valid():
                raise form_errors(form)
            organization = form.cleaned_data["organization"]
            if action == "hide":
                services.hidden_from_add(profile=profile, organization=organization)
                messages.success(
                    request, _("This organization will not see your profile.")
                )
            else:
                services.identity_reveal(
                    profile=profile,
                    organization=organization,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request, _("Your identity is shown to this organization.")
                )
        elif action == "unhide":
            services.hidden_from_remove(
                profile=profile, organization_id=request.POST.get("organization_id")
            )
        elif action == "withdraw":
            reveal = get_object_or_404(
                IdentityReveal, pk=request.POST.get("reveal_id"), profile=profile
            )
            services.identity_reveal_withdraw(reveal=reveal, by=request.user)
            messages.success(
                request, _("Withdrawn: from now on this organization sees your alias.")
            )
        elif action == "counsellor":
            form = forms.EmailForm(request.POST)
            if not form.is_valid():
                raise form_errors(form)
            services.counsellor_invite(
                profile=profile, email=form.cleaned_data["email"]
            )
            messages.success(
                request,
                _(
                    "Invitation sent: if this address belongs to a member, they can "
                    "now read your profile and comment on it."
                ),
            )
        elif action == "revoke_counsellor":
            services.counsellor_revoke(
                profile=profile, invitation_id=request.POST.get("invitation_id")
            )
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("marketplace:profile_privacy")


# --- my data: export and erasure --------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    if request.method == "POST":
        if request.POST.get("action") == "export":
            response = HttpResponse(
                privacy.export_json(member=request.member),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="ouvrage-data.json"'
            return response
        if request.POST.get("confirm") != request.user.email:
            messages.error(
                request, _("Type your e-mail address to confirm the erasure.")
            )
            return redirect("marketplace:my_data")
        privacy.erase(member=request.member, by=request.user)
        logout(request)
        messages.success(request, _("Your account is erased. Goodbye."))
        return redirect("/")
    return render(
        request, "marketplace/my_data.html", {"parts": privacy.exporter_labels()}
    )
