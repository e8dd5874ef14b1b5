"""REST API for expert profiles: search, detail, one's own profile, experiences,
privacy switches and data export. Thin like the pages: every read goes through
the same selectors (`profiles_visible_to`, `profile_cards`, `profile_detail`),
every write through the services, so the hide list and pseudonymity hold here
too.
"""

import json

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .. import selectors, services
from ..accounts import access_member
from ..api_base import Pagination
from ..models import Experience, ExpertSkill, HiddenFrom, IdentityReveal, Organization
from . import privacy
from .serializers import (
    ExperienceInSerializer,
    ExperienceOutSerializer,
    OrganizationRefSerializer,
    ProfileCardSerializer,
    ProfileDetailSerializer,
    ProfileUpdateSerializer,
    SearchParamsSerializer,
    SkillLevelSerializer,
    SkillLineSerializer,
    card_data,
)


def _own_profile(request):
    member = access_member(request, refuse=PermissionDenied)
    if not member.is_expert:
        raise PermissionDenied
    return services.profile_get_or_create(member=member)


def _detail(profile, member) -> dict:
    row = selectors.access_profile(profile_id=profile.pk, viewer=member)
    detail = selectors.profile_detail(profile=row, viewer=member)
    return {**detail, "card": card_data(detail["card"])}


# --- experts: search and detail ---------------------------------------------------


@extend_schema(
    tags=["profiles"],
    operation_id="experts_list",
    parameters=[
        OpenApiParameter("q", str, description="Keywords (full text)."),
        OpenApiParameter("skill", str, description="A skill's slug."),
        OpenApiParameter("remote", str, enum=["onsite", "hybrid", "remote"]),
        OpenApiParameter("language", str, description="ISO 639-1 code."),
        OpenApiParameter("max_rate_cents", int),
        OpenApiParameter("available_by", str, description="A date (YYYY-MM-DD)."),
        OpenApiParameter("page", int),
        OpenApiParameter("page_size", int),
    ],
    # the page as the answer really is (the list inside "results")
    responses=inline_serializer(
        "PaginatedProfileCardList",
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": ProfileCardSerializer(many=True),
        },
    ),
)
@api_view(["GET"])
def experts(request):
    """Search published expert profiles (hidden ones never appear)."""
    member = access_member(request, refuse=PermissionDenied)
    params = SearchParamsSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    query = selectors.ProfileQuery(**params.validated_data)
    queryset = selectors.with_card_data(
        selectors.profiles_search(viewer=member, query=query)
    )
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request)
    cards = selectors.profile_cards(page, viewer=member)
    return paginator.get_paginated_response([card_data(card) for card in cards])


@extend_schema(tags=["profiles"], responses=ProfileDetailSerializer)
@api_view(["GET"])
def expert_detail(request, profile_id):
    """One profile, redacted for the caller; 404 when hidden from their organization."""
    member = access_member(request, refuse=PermissionDenied)
    row = selectors.access_profile(profile_id=profile_id, viewer=member)
    detail = selectors.profile_detail(profile=row, viewer=member)
    return Response({**detail, "card": card_data(detail["card"])})


# --- my profile -------------------------------------------------------------------


@extend_schema(
    tags=["profiles"],
    request=ProfileUpdateSerializer,
    responses=ProfileDetailSerializer,
    methods=["GET", "PATCH"],
)
@api_view(["GET", "PATCH"])
def my_profile(request):
    """The caller's own expert profile (created as a draft on first use)."""
    profile = _own_profile(request)
    if request.method == "PATCH":
        serializer = ProfileUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.profile_update(
            profile=profile, by=request.user, **serializer.validated_data
        )
    return Response(_detail(profile, profile.member))


@extend_schema(tags=["profiles"], request=None, responses=ProfileDetailSerializer)
@api_view(["POST"])
def my_profile_publish(request):
    profile = _own_profile(request)
    services.profile_publish(profile=profile, by=request.user)
    return Response(_detail(profile, profile.member))


@extend_schema(tags=["profiles"], request=None, responses=ProfileDetailSerializer)
@api_view(["POST"])
def my_profile_unpublish(request):
    profile = _own_profile(request)
    services.profile_unpublish(profile=profile, by=request.user)
    return Response(_detail(profile, profile.member))


@extend_schema(
    tags=["profiles"], request=SkillLevelSerializer, responses=SkillLineSerializer
)
@api_view(["POST"])
def my_skills(request):
    """Add a skill with a level, or change its level."""
    profile = _own_profile(request)
    serializer = SkillLevelSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    skill = serializer.validated_data["skill"]
    by_slug = selectors.skill_by_slug(skill)
    line = services.expert_skill_set(
        profile=profile,
        skill_id=by_slug.pk if by_slug is not None else skill,
        level=serializer.validated_data["level"],
    )
    line = ExpertSkill.objects.select_related("skill").get(pk=line.pk)
    return Response(
        {
            "skill_id": line.skill_id,
            "name": line.skill.name,
            "slug": line.skill.slug,
            "level": line.level,
            "level_label": str(line.get_level_display()),
        },
        status=status.HTTP_201_CREATED,
    )


@extend_schema(tags=["profiles"], request=None, responses={204: None})
@api_view(["DELETE"])
def my_skill_delete(request, skill_id):
    services.expert_skill_remove(profile=_own_profile(request), skill_id=skill_id)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=["profiles"],
    request=ExperienceInSerializer,
    responses=ExperienceOutSerializer(many=True),
    methods=["GET", "POST"],
)
@api_view(["GET", "POST"])
def my_experiences(request):
    profile = _own_profile(request)
    if request.method == "POST":
        serializer = ExperienceInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.experience_create(profile=profile, publish=data.pop("publish"), **data)
    return Response(_detail(profile, profile.member)["experiences"])


@extend_schema(
    tags=["profiles"],
    request=ExperienceInSerializer,
    responses=ExperienceOutSerializer(many=True),
    methods=["PATCH", "DELETE"],
)
@api_view(["PATCH", "DELETE"])
def my_experience(request, experience_id):
    profile = _own_profile(request)
    experience = get_object_or_404(Experience, pk=experience_id, profile=profile)
    if request.method == "DELETE":
        services.experience_delete(experience=experience)
        return Response(status=status.HTTP_204_NO_CONTENT)
    serializer = ExperienceInSerializer(data=request.data, partial=True)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    publish = data.pop("publish", None)
    if data:
        services.experience_update(experience=experience, **data)
    if publish is not None and "publish" in request.data:
        services.experience_publish(
            experience=experience, by=request.user, publish=publish
        )
    return Response(_detail(profile, profile.member)["experiences"])


@extend_schema(
    tags=["profiles"],
    request=OrganizationRefSerializer,
    responses=inline_serializer(
        "Reveal",
        {
            "id": serializers.UUIDField(),
            "organization": serializers.UUIDField(),
            "withdrawn_at": serializers.DateTimeField(allow_null=True),
        },
    ),
)
@api_view(["POST"])
def my_reveals(request):
    """Reveal the caller's identity to one organization (logged)."""
    profile = _own_profile(request)
    serializer = OrganizationRefSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    organization = get_object_or_404(
        Organization, pk=serializer.validated_data["organization"]
    )
    reveal = services.identity_reveal(
        profile=profile,
        organization=organization,
        by=request.user,
        reason=serializer.validated_data["reason"],
    )
    return Response(
        {"id": reveal.pk, "organization": organization.pk, "withdrawn_at": None},
        status=status.HTTP_201_CREATED,
    )


@extend_schema(tags=["profiles"], request=None, responses={204: None})
@api_view(["POST"])
def my_reveal_withdraw(request, reveal_id):
    profile = _own_profile(request)
    reveal = get_object_or_404(IdentityReveal, pk=reveal_id, profile=profile)
    services.identity_reveal_withdraw(reveal=reveal, by=request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=["profiles"],
    request=OrganizationRefSerializer,
    responses=inline_serializer(
        "HiddenFrom",
        {"organization": serializers.UUIDField(), "name": serializers.CharField()},
        many=True,
    ),
    methods=["GET", "POST"],
)
@api_view(["GET", "POST"])
def my_hide_list(request):
    """Organizations that never see the caller's profile."""
    profile = _own_profile(request)
    if request.method == "POST":
        serializer = OrganizationRefSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = get_object_or_404(
            Organization, pk=serializer.validated_data["organization"]
        )
        services.hidden_from_add(profile=profile, organization=organization)
    rows = HiddenFrom.objects.filter(profile=profile).select_related("organization")
    return Response(
        [
            {"organization": row.organization_id, "name": row.organization.name}
            for row in rows
        ]
    )


@extend_schema(tags=["profiles"], request=None, responses={204: None})
@api_view(["DELETE"])
def my_hide_list_delete(request, organization_id):
    services.hidden_from_remove(
        profile=_own_profile(request), organization_id=organization_id
    )
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=["privacy"],
    responses=inline_serializer("Export", {"format": serializers.CharField()}),
)
@api_view(["GET"])
def my_export(request):
    """All the caller's data, as the 'My data' page downloads it."""
    return Response(
        json.loads(privacy.export_json(access_member(request, refuse=PermissionDenied)))
    )
