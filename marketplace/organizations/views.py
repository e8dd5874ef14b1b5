"""Pages for organizations: their page, logo, colleagues and invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, services
from ..models import Organization, OrganizationInvitation
from ..pages import (
    attach_errors,
    errors_to_messages,
    form_errors,
    image_type,
    member_required,
)
from . import forms as organization_forms


@member_required
@require_http_methods(["GET", "POST"])
def organization_page(request):
    member = request.member
    if not member.is_company:
        raise PermissionDenied
    organization = member.organization
    is_owner = member.is_organization_owner
    form = organization_forms.OrganizationForm(
        request.POST or None,
        initial={
            "name": organization.name,
            "sector": organization.sector,
            "size": organization.size,
            "country": organization.country,
            "description": organization.description,
        },
    )
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.organization_update(
                    organization=organization, by=member, **form.cleaned_data
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The organization is saved."))
                return redirect("marketplace:organization")
    context = {
        "organization": organization,
        "is_owner": is_owner,
        "form": form,
        "colleagues": organization.members.select_related("user").order_by(
            "display_name"
        ),
        "invitations": organization.invitations.filter(accepted_at__isnull=True),
        "email_form": forms.EmailForm(),
        "logo_form": forms.ImageForm(),
    }
    return render(request, "marketplace/organization.html", context)


@member_required
@require_POST
def organization_action(request):
    member = request.member
    if not member.is_company:
        raise PermissionDenied
    organization = member.organization
    try:
        if request.POST.get("action") == "logo":
            form = forms.ImageForm(request.POST, request.FILES)
            if not form.is_valid():
                raise form_errors(form)
            services.organization_logo_set(
                organization=organization, by=member, upload=form.cleaned_data["image"]
            )
            messages.success(request, _("The logo is saved."))
        else:
            form = forms.EmailForm(request.POST)
            if not form.is_valid():
                raise form_errors(form)
            services.organization_invite(
                organization=organization, by=member, email=form.cleaned_data["email"]
            )
            messages.success(request, _("Invitation sent."))
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("marketplace:organization")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = (
        OrganizationInvitation.objects.select_related("organization")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return render(
            request, "marketplace/invitation.html", {"invalid": True}, status=404
        )
    form = organization_forms.InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        password = form.cleaned_data["password"]
        if user is None and len(password) < 10:
            form.add_error(
                "password", _("Choose a password of at least 10 characters.")
            )
        else:
            try:
                member = services.organization_invitation_accept(
                    token=token,
                    display_name=form.cleaned_data["display_name"],
                    password=password or None,
                    user=user,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                if user is None:
                    login(
                        request,
                        member.user,
                        backend="django.contrib.auth.backends.ModelBackend",
                    )
                messages.success(request, _("Welcome to your organization."))
                return redirect("marketplace:organization")
    return render(
        request, "marketplace/invitation.html", {"invitation": invitation, "form": form}
    )


@member_required
def organization_logo(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not organization.logo:
        raise Http404
    response = FileResponse(
        organization.logo.open("rb"), content_type=image_type(organization.logo.name)
    )
    response["Content-Disposition"] = "inline"
    return response
