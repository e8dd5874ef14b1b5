"""Pages for expert profiles: the directory, a profile, editing one's own.

Thin: parse, check access, call one service, render. Every read of a profile
goes through `selectors.profiles_visible_to` (via `access_profile`,
`profiles_search` or `matching`), so the hide list and pseudonymous mode hold
on every page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import confirm_step, confirmed

from .. import forms, selectors, services
from ..models import CounsellorInvitation, Experience, ExpertSkill
from ..pages import (
    attach_errors,
    errors_to_messages,
    expert_required,
    form_errors,
    image_type,
    member_required,
)
from . import forms as profile_forms
from . import sections

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


# --- directory, profile pages -----------------------------------------------------


@member_required
def search(request):
    form = profile_forms.SearchForm(request.GET or None)
    query = selectors.ProfileQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = selectors.ProfileQuery(
            q=data["q"],
            skill=data["skill"].slug if data["skill"] else "",
            remote=data["remote"],
            language=data["language"],
            max_rate_cents=data["max_rate"],
            available_by=data["available_by"],
        )
    profiles = selectors.with_card_data(
        selectors.profiles_search(viewer=request.member, query=query)
    )
    page = CappedPaginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = selectors.profile_cards(page.object_list, viewer=request.member)
    return render(
        request,
        "marketplace/search.html",
        {"form": form, "page": page, "cards": cards},
    )


@member_required
def profile(request, profile_id):
    row = selectors.access_profile(profile_id=profile_id, viewer=request.member)
    detail = selectors.profile_detail(profile=row, viewer=request.member)
    card = detail["card"]
    # the comment form is for the counsellors the expert invited; the expert
    # reads their comments here (and on the edit page) but does not comment
    invited = (
        not card.is_own
        and CounsellorInvitation.objects.filter(
            profile=row, counsellor=request.member, revoked_at__isnull=True
        ).exists()
    )
    counselling = card.is_own or invited
    comments = (
        row.comments.select_related("author").order_by("created_at")
        if counselling
        else []
    )
    found = sections.sections_for(
        profile=row, viewer=request.member, card=detail["card"]
    )
    return render(
        request,
        "marketplace/profile_detail.html",
        {
            **detail,
            "aside_sections": [s for s in found if s.place == "aside"],
            "main_sections": [s for s in found if s.place != "aside"],
            "counselling": counselling,
            "can_comment": invited,
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
        row.photo.open("rb"), content_type=image_type(row.photo.name)
    )
    response["Cache-Control"] = "private, max-age=3600"
    # no file name in the response either
    response["Content-Disposition"] = "inline"
    return response


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
            errors_to_messages(request, error)
    else:
        errors_to_messages(request, form_errors(form))
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
            attach_errors(form, error)
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
            "photo_form": forms.ImageForm(),
            "skills_form": profile_forms.SkillsAddForm(member=request.member),
            "level_choices": ExpertSkill.Level.choices,
            "proposal_form": profile_forms.SkillProposalForm(),
            "appetence_form": profile_forms.AppetenceForm(member=request.member),
            "comments": profile.comments.select_related("author").order_by(
                "created_at"
            ),
        },
    )


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
        errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


@expert_required
@require_POST
def profile_photo_upload(request):
    if request.POST.get("action") == "remove":
        services.profile_photo_remove(profile=request.profile)
        messages.success(request, _("Your photo is removed."))
        return redirect("marketplace:profile_edit")
    form = forms.ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        errors_to_messages(request, form_errors(form))
        return redirect("marketplace:profile_edit")
    try:
        services.profile_photo_set(
            profile=request.profile, upload=form.cleaned_data["image"]
        )
        messages.success(request, _("Your photo is saved."))
    except ValidationError as error:
        errors_to_messages(request, error)
    return redirect("marketplace:profile_edit")


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
                raise form_errors(form)
            skill = services.skill_propose(member=request.member, **form.cleaned_data)
            services.expert_skill_set(
                profile=request.profile, skill_id=skill.pk, level=2
            )
            messages.success(
                request,
                _("Skill proposed: moderators will review it. It is on your profile."),
            )
        elif "skills" in request.POST:
            form = profile_forms.SkillsAddForm(request.POST, member=request.member)
            if not form.is_valid():
                raise form_errors(form)
            services.expert_skills_add(
                profile=request.profile,
                skill_ids=[skill.pk for skill in form.cleaned_data["skills"]],
                level=form.cleaned_data["level"],
            )
            messages.success(request, _("Your skills are saved."))
        else:
            form = profile_forms.SkillForm(request.POST, member=request.member)
            if not form.is_valid():
                raise form_errors(form)
            services.expert_skill_set(
                profile=request.profile,
                skill_id=form.cleaned_data["skill"].pk,
                level=form.cleaned_data["level"],
            )
            messages.success(request, _("Your skills are saved."))
    except ValidationError as error:
        errors_to_messages(request, error)
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
            form = profile_forms.AppetenceForm(request.POST, member=request.member)
            if not form.is_valid():
                raise form_errors(form)
            data = form.cleaned_data
            services.appetence_add(
                profile=request.profile,
                skill_id=data["skill"].pk if data["skill"] else None,
                mission_kind=data["mission_kind"],
                note=data["note"],
            )
            messages.success(request, _("Your wishes are saved."))
    except ValidationError as error:
        errors_to_messages(request, error)
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
            attach_errors(form, error)
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
        if not confirmed(request):
            return confirm_step(
                request,
                title=_("Delete this experience?"),
                consequence=_(
                    "“%(title)s” will be deleted from your profile. "
                    "This cannot be undone."
                )
                % {"title": experience.title},
                confirm_label=_("Delete"),
                cancel_url=reverse("marketplace:profile_edit") + "#experience",
            )
        services.experience_delete(experience=experience)
        messages.success(request, _("The experience is deleted."))
    else:
        services.experience_publish(
            experience=experience, by=request.user, publish=action == "publish"
        )
        messages.success(request, _("The experience is saved."))
    return redirect("marketplace:profile_edit")
