"""Pages for expert profiles, skills, experiences, privacy, organizations, search
and matching. Thin: parse, check access, call one service, render.

Every read of a profile goes through `selectors.profiles_visible_to` (via
`access_profile`, `profiles_search` or `matching`), so the hide list and
pseudonymous mode hold on every page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import matching, privacy, profile_forms, selectors, services
from .models import (
    CounsellorInvitation,
    Experience,
    HiddenFrom,
    IdentityReveal,
    Member,
    Organization,
    OrganizationInvitation,
    Skill,
)

PAGE_SIZE = 20
SEARCH_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most SEARCH_COUNT_CAP results: a common word can match half the
    experts, and counting them all costs more than the page itself."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: SEARCH_COUNT_CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > SEARCH_COUNT_CAP


def member_required(view):
    """Signed in and a member of a community (staff accounts have no profile pages)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = selectors.member_for_user(request.user)
        if member is None:
            raise PermissionDenied
        request.member = member
        return view(request, *args, **kwargs)

    return wrapper


def expert_required(view):
    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.member.is_expert:
            raise PermissionDenied
        request.profile = services.profile_get_or_create(member=request.member)
        return view(request, *args, **kwargs)

    return wrapper


def _errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(form) -> ValidationError:
    return ValidationError(
        [error for errors in form.errors.values() for error in errors]
    )


# --- directory, profile pages -----------------------------------------------------


@member_required
def search(request):
    form = profile_forms.SearchForm(request.GET or None)
    query = selectors.ProfileQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = selectors.ProfileQuery(
            q=data["q"],
            skill=data["skill"],
            remote=data["remote"],
            language=data["language"],
            max_rate_cents=profile_forms.euros_to_cents(data["max_rate"]),
            available_by=data["available_by"],
        )
    profiles = selectors.with_card_data(
        selectors.profiles_search(viewer=request.member, query=query)
    )
    page = CappedPaginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = selectors.profile_cards(page.object_list, viewer=request.member)
    skills = selectors.skills_usable().only("slug", "name_fr", "name_en")
    return render(
        request,
        "marketplace/search.html",
        {"form": form, "page": page, "cards": cards, "skills": skills},
    )


@member_required
def profile(request, profile_id):
    row = selectors.access_profile(profile_id=profile_id, viewer=request.member)
    detail = selectors.profile_detail(profile=row, viewer=request.member)
    card = detail["card"]
    counselling = (
        card.is_own
        or CounsellorInvitation.objects.filter(
            profile=row, counsellor=request.member, revoked_at__isnull=True
        ).exists()
    )
    comments = (
        row.comments.select_related("author").order_by("created_at")
        if counselling
        else []
    )
    return render(
        request,
        "marketplace/profile_detail.html",
        {
            **detail,
            "counselling": counselling,
            "comments": comments,
            "comment_form": profile_forms.CommentForm(),
        },
    )


@member_required
def profile_photo(request, profile_id):
    """The photo, only to those who may see the identity (else 404, as if none)."""
    row = selectors.access_profile(profile_id=profile_id, viewer=request.member)
    card = selectors.profile_cards([row], viewer=request.member)[0]
    if not card.has_photo:
        raise Http404
    response = FileResponse(
        row.photo.open("rb"), content_type=_image_type(row.photo.name)
    )
    response["Cache-Control"] = "private, max-age=3600"
    # no file name in the response either
    response["Content-Disposition"] = "inline"
    return response


@member_required
def organization_logo(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not organization.logo:
        raise Http404
    response = FileResponse(
        organization.logo.open("rb"), content_type=_image_type(organization.logo.name)
    )
    response["Content-Disposition"] = "inline"
    return response


def _image_type(name: str) -> str:
    return "image/png" if name.endswith(".png") else "image/jpeg"


@member_required
@require_POST
def profile_comment(request, profile_id):
    row = selectors.access_profile(profile_id=profile_id, viewer=request.member)
    form = profile_forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.profile_comment_add(
                profile=row, author=request.member, body=form.cleaned_data["body"]
            )
            messages.success(request, _("Your comment is saved."))
        except ValidationError as error:
            _errors_to_messages(request, error)
    else:
        _errors_to_messages(request, _form_errors(form))
    return redirect("marketplace:profile", profile_id=row.pk)


# --- editing one's own profile ----------------------------------------------------


@expert_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = request.profile
    form = profile_forms.ProfileForm(
        request.POST or None, initial=profile_forms.ProfileForm.initial_from(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                profile=profile, by=request.user, **form.to_changes()
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("marketplace:profile_edit")
    detail = selectors.profile_detail(
        profile=selectors.access_profile(profile_id=profile.pk, viewer=request.member),
        viewer=request.member,
    )
    return render(
        request,
        "marketplace/profile_edit.html",
        {
            "form": form,
            "profile": profile,
            **detail,
            "photo_form": profile_forms.ImageForm(),
            "skill_form": profile_forms.SkillForm(),
            "proposal_form": profile_forms.SkillProposalForm(),
            "appetence_form": profile_forms.AppetenceForm(),
            "skills": selectors.skills_usable(member=request.member).only(
                "slug", "name_fr", "name_en"
            ),
            "comments": profile.comments.select_related("author").order_by(
                "created_at"
            ),
        },
    )


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@expert_required
@require_POST
def profile_publish(request):
    try:
        if request.POST.get("action") == "unpublish":
            services.profile_unpublish(profile=request.profile, by=request.user)
            messages.success(
                request, _("Your profile is a draft again: only you see it.")
            )
        else:
            services.profile_publish(profile=request.profile, by=request.user)
            messages.success(request, _("Your profile is published."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


@expert_required
@require_POST
def profile_photo_upload(request):
    if request.POST.get("action") == "remove":
        services.profile_photo_remove(profile=request.profile)
        messages.success(request, _("Your photo is removed."))
        return redirect("marketplace:profile_edit")
    form = profile_forms.ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors_to_messages(request, _form_errors(form))
        return redirect("marketplace:profile_edit")
    try:
        services.profile_photo_set(
            profile=request.profile, upload=form.cleaned_data["image"]
        )
        messages.success(request, _("Your photo is saved."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


def _skill_id_from(request, value: str):
    """A skill given by slug (forms) or by id."""
    skill = Skill.objects.filter(slug=value.strip()).only("pk").first()
    return skill.pk if skill is not None else value.strip()


@expert_required
@require_POST
def profile_skills(request):
    action = request.POST.get("action", "set")
    try:
        if action == "remove":
            services.expert_skill_remove(
                profile=request.profile, skill_id=request.POST.get("skill_id")
            )
        elif action == "propose":
            form = profile_forms.SkillProposalForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            skill = services.skill_propose(member=request.member, **form.cleaned_data)
            services.expert_skill_set(
                profile=request.profile, skill_id=skill.pk, level=2
            )
            messages.success(
                request,
                _("Skill proposed: moderators will review it. It is on your profile."),
            )
        else:
            form = profile_forms.SkillForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            services.expert_skill_set(
                profile=request.profile,
                skill_id=_skill_id_from(request, form.cleaned_data["skill"]),
                level=form.cleaned_data["level"],
            )
            messages.success(request, _("Your skills are saved."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


@expert_required
@require_POST
def profile_appetences(request):
    try:
        if request.POST.get("action") == "remove":
            services.appetence_remove(
                profile=request.profile, appetence_id=request.POST.get("appetence_id")
            )
        else:
            form = profile_forms.AppetenceForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            data = form.cleaned_data
            services.appetence_add(
                profile=request.profile,
                skill_id=_skill_id_from(request, data["skill"])
                if data["skill"]
                else None,
                mission_kind=data["mission_kind"],
                note=data["note"],
            )
            messages.success(request, _("Your wishes are saved."))
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


@expert_required
@require_http_methods(["GET", "POST"])
def experience_edit(request, experience_id=None):
    experience = None
    if experience_id is not None:
        experience = get_object_or_404(
            Experience, pk=experience_id, profile=request.profile
        )
    initial = (
        profile_forms.ExperienceForm.initial_from(experience) if experience else None
    )
    form = profile_forms.ExperienceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if experience is None:
                experience = services.experience_create(
                    profile=request.profile,
                    publish=request.POST.get("publish") == "1",
                    **form.to_fields(),
                )
            else:
                services.experience_update(experience=experience, **form.to_fields())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The experience is saved."))
            return redirect("marketplace:profile_edit")
    return render(
        request,
        "marketplace/experience_form.html",
        {"form": form, "experience": experience},
    )


@expert_required
@require_POST
def experience_action(request, experience_id):
    experience = get_object_or_404(
        Experience, pk=experience_id, profile=request.profile
    )
    action = request.POST.get("action")
    if action == "delete":
        services.experience_delete(experience=experience)
        messages.success(request, _("The experience is deleted."))
    else:
        services.experience_publish(
            experience=experience, by=request.user, publish=action == "publish"
        )
        messages.success(request, _("The experience is saved."))
    return redirect("marketplace:profile_edit")


# --- privacy: pseudonymous mode, hide list, reveals, counsellors ------------------


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
            _attach(form, error)
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
        "email_form": profile_forms.EmailForm(),
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
                raise _form_errors(form)
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
            form = profile_forms.EmailForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            counsellor = Member.objects.filter(
                user__email__iexact=form.cleaned_data["email"]
            ).first()
            if counsellor is None:
                raise ValidationError(_("No member has this e-mail address."))
            services.counsellor_invite(profile=profile, counsellor=counsellor)
            messages.success(request, _("Invitation sent."))
        elif action == "revoke_counsellor":
            services.counsellor_revoke(
                profile=profile, invitation_id=request.POST.get("invitation_id")
            )
    except ValidationError as error:
        _errors_to_messages(request, error)
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
        from django.contrib.auth import logout

        logout(request)
        messages.success(request, _("Your account is erased. Goodbye."))
        return redirect("/")
    return render(
        request, "marketplace/my_data.html", {"parts": privacy.exporter_names()}
    )


# --- organizations ----------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def organization_page(request):
    member = request.member
    if not member.is_company:
        raise PermissionDenied
    organization = member.organization
    is_owner = member.is_organization_owner
    form = profile_forms.OrganizationForm(
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
                _attach(form, error)
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
        "email_form": profile_forms.EmailForm(),
        "logo_form": profile_forms.ImageForm(),
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
            form = profile_forms.ImageForm(request.POST, request.FILES)
            if not form.is_valid():
                raise _form_errors(form)
            services.organization_logo_set(
                organization=organization, by=member, upload=form.cleaned_data["image"]
            )
            messages.success(request, _("The logo is saved."))
        else:
            form = profile_forms.EmailForm(request.POST)
            if not form.is_valid():
                raise _form_errors(form)
            services.organization_invite(
                organization=organization, by=member, email=form.cleaned_data["email"]
            )
            messages.success(request, _("Invitation sent."))
    except ValidationError as error:
        _errors_to_messages(request, error)
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
    form = profile_forms.InvitationAcceptForm(request.POST or None)
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
                _attach(form, error)
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


# --- matching ---------------------------------------------------------------------


def how_matching_works(request):
    """Public: the algorithm in words, the weights in force and their history."""
    from core import rules

    weights = matching.current_weights()
    history = [
        {
            "effective_at": version.effective_at,
            "value": version.value,
            "parts": [(name, version.value.get(name)) for name in matching.PARTS],
        }
        for version in rules.history("matching.weights")
    ]
    parts = [
        {
            "name": name,
            "label": matching.PART_LABELS[name],
            "rule": matching.PART_RULES[name],
            "weight": weights[name],
        }
        for name in matching.PARTS
    ]
    return render(
        request,
        "marketplace/how_matching_works.html",
        {"parts": parts, "history": history, "part_names": matching.PARTS},
    )


@member_required
def match_experts(request):
    """Companies: describe a need quickly and see who matches, and why."""
    form = profile_forms.MatchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        try:
            need = _need_from_form(form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            results = matching.experts_for_need(
                need,
                viewer_org=selectors.viewer_organization(request.member),
                viewer=request.member,
                limit=PAGE_SIZE,
            )
    return render(
        request,
        "marketplace/match.html",
        {
            "form": form,
            "results": results,
            "skills": selectors.skills_usable().only("slug", "name_fr", "name_en"),
        },
    )


def _need_from_form(data) -> matching.NeedSpec:
    wanted = {}
    for chunk in data["skills"].split(","):
        if not chunk.strip():
            continue
        slug, _sep, weight = chunk.partition(":")
        skill = selectors.skill_by_slug(slug.strip())
        if skill is None:
            raise ValidationError(
                {"skills": _("Unknown skill: %(slug)s") % {"slug": slug.strip()[:60]}}
            )
        try:
            wanted[str(skill.pk)] = int(weight or 3)
        except ValueError:
            raise ValidationError(
                {"skills": _("A weight is a number from 1 to 5.")}
            ) from None
    try:
        return matching.need_spec_from(
            id="form",
            skills=wanted,
            languages=data["languages"],
            budget_max_cents=profile_forms.euros_to_cents(data["budget_max"]),
            start=data["start"],
            days_per_week=data["days_per_week"],
            remote=data["remote"],
            location=data["location"],
            kind=data["kind"],
        )
    except ValueError:
        raise ValidationError(
            {"skills": _("A weight is a number from 1 to 5.")}
        ) from None
