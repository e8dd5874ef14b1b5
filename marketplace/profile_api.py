"""REST API for expert profiles, experiences, skills, organizations, search and
matching. Thin like the pages: every read goes through the same selectors
(`profiles_visible_to`, `profile_cards`, `profile_detail`), every write through
the services, so the hide list and pseudonymity hold here too.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import matching, privacy, selectors, services
from .api_base import Pagination
from .models import Experience, ExpertSkill, HiddenFrom, IdentityReveal, Organization

# --- serializers ------------------------------------------------------------------


class SkillLineSerializer(serializers.Serializer):
    skill_id = serializers.UUIDField()
    name = serializers.CharField()
    slug = serializers.CharField()
    level = serializers.IntegerField()
    level_label = serializers.CharField()


class ProfileCardSerializer(serializers.Serializer):
    """A profile as the caller may see it: `name` is the alias when the identity is
    hidden, and `links`/`photo_url` are empty."""

    id = serializers.UUIDField()
    name = serializers.CharField()
    pseudonymous = serializers.BooleanField()
    identity_shown = serializers.BooleanField()
    status = serializers.CharField()
    headline = serializers.CharField()
    summary = serializers.CharField()
    day_rate_cents = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    available_from = serializers.DateField(allow_null=True)
    days_per_week = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField())
    location = serializers.CharField()
    country = serializers.CharField()
    remote = serializers.CharField()
    links = serializers.ListField(child=serializers.CharField())
    photo_url = serializers.CharField()
    skills = SkillLineSerializer(many=True)


class ExperienceOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    employer = serializers.CharField(help_text="Empty when the identity is hidden.")
    started_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    what = serializers.CharField()
    responsibilities = serializers.CharField()
    motivation = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()


class AppetenceOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    skill = serializers.CharField()
    skill_slug = serializers.CharField()
    mission_kind = serializers.CharField()
    note = serializers.CharField()


class ProfileDetailSerializer(serializers.Serializer):
    card = ProfileCardSerializer()
    experiences = ExperienceOutSerializer(many=True)
    appetences = AppetenceOutSerializer(many=True)


class ProfileUpdateSerializer(serializers.Serializer):
    headline = serializers.CharField(max_length=160, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    day_rate_cents = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    available_from = serializers.DateField(required=False, allow_null=True)
    days_per_week = serializers.IntegerField(min_value=1, max_value=5, required=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, max_length=12
    )
    location = serializers.CharField(max_length=120, required=False, allow_blank=True)
    country = serializers.CharField(min_length=2, max_length=2, required=False)
    remote = serializers.ChoiceField(
        choices=["onsite", "hybrid", "remote"], required=False
    )
    links = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, max_length=10
    )
    pseudonymous = serializers.BooleanField(required=False)
    alias = serializers.CharField(max_length=80, required=False, allow_blank=True)


class SkillSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name_fr = serializers.CharField(max_length=120)
    name_en = serializers.CharField(max_length=120, required=False, allow_blank=True)
    category = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)


class SkillLevelSerializer(serializers.Serializer):
    skill = serializers.CharField(help_text="The skill's id or slug.")
    level = serializers.IntegerField(min_value=1, max_value=4)


class ExperienceInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Experience.Kind.choices, required=False)
    category = serializers.ChoiceField(choices=Experience.Category.choices)
    title = serializers.CharField(max_length=160)
    employer = serializers.CharField(max_length=160, required=False, allow_blank=True)
    started_on = serializers.DateField(required=False, allow_null=True)
    ended_on = serializers.DateField(required=False, allow_null=True)
    what = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    responsibilities = serializers.CharField(
        max_length=4000, required=False, allow_blank=True
    )
    motivation = serializers.CharField(
        max_length=4000, required=False, allow_blank=True
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=12
    )
    publish = serializers.BooleanField(required=False, default=False)


class OrganizationSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=200)
    sector = serializers.CharField(max_length=120, required=False, allow_blank=True)
    size = serializers.ChoiceField(
        choices=Organization.Size.choices, required=False, allow_blank=True
    )
    country = serializers.CharField(min_length=2, max_length=2, required=False)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True
    )


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    skill = serializers.CharField(
        max_length=130, required=False, default="", allow_blank=True
    )
    remote = serializers.ChoiceField(
        choices=["", "onsite", "hybrid", "remote"], required=False, default=""
    )
    language = serializers.CharField(
        max_length=5, required=False, default="", allow_blank=True
    )
    max_rate_cents = serializers.IntegerField(min_value=0, required=False, default=None)
    available_by = serializers.DateField(required=False, default=None)


class NeedSpecSerializer(serializers.Serializer):
    skills = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        help_text="Skill id or slug -> weight from 1 to 5.",
        allow_empty=False,
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, default=list
    )
    budget_min_cents = serializers.IntegerField(min_value=0, required=False)
    budget_max_cents = serializers.IntegerField(min_value=0, required=False)
    start = serializers.DateField(required=False)
    days_per_week = serializers.IntegerField(min_value=1, max_value=5, required=False)
    remote = serializers.ChoiceField(
        choices=["onsite", "hybrid", "remote"], default="hybrid"
    )
    location = serializers.CharField(max_length=120, required=False, default="")
    kind = serializers.CharField(max_length=20, required=False, default="")
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)


class PartSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    fit = serializers.FloatField()
    weight = serializers.IntegerField()
    points = serializers.FloatField()


class ExplanationSerializer(serializers.Serializer):
    score = serializers.FloatField()
    parts = PartSerializer(many=True)


class ExpertMatchSerializer(serializers.Serializer):
    expert = ProfileCardSerializer()
    explanation = ExplanationSerializer()


class OrganizationRefSerializer(serializers.Serializer):
    organization = serializers.UUIDField()
    reason = serializers.CharField(max_length=200, required=False, default="")


def _card_data(card) -> dict:
    data = {name: getattr(card, name) for name in ProfileCardSerializer().fields}
    data["photo_url"] = card.photo_url
    data["skills"] = [line.__dict__ for line in card.skills]
    return data


def _member(request):
    member = selectors.member_for_user(request.user)
    if member is None:
        raise PermissionDenied
    return member


def _own_profile(request):
    member = _member(request)
    if not member.is_expert:
        raise PermissionDenied
    return services.profile_get_or_create(member=member)


def _detail(profile, member) -> dict:
    row = selectors.access_profile(profile_id=profile.pk, viewer=member)
    detail = selectors.profile_detail(profile=row, viewer=member)
    return {**detail, "card": _card_data(detail["card"])}


# --- experts: search and detail ---------------------------------------------------


@extend_schema(
    tags=["profiles"],
    parameters=[
        OpenApiParameter("q", str, description="Keywords (full text)."),
        OpenApiParameter("skill", str, description="A skill's slug."),
        OpenApiParameter("remote", str, enum=["onsite", "hybrid", "remote"]),
        OpenApiParameter("language", str, description="ISO 639-1 code."),
        OpenApiParameter("max_rate_cents", int),
        OpenApiParameter("available_by", str, description="A date (YYYY-MM-DD)."),
        OpenApiParameter("page", int),
    ],
    responses=ProfileCardSerializer(many=True),
)
@api_view(["GET"])
def experts(request):
    """Search published expert profiles (hidden ones never appear)."""
    member = _member(request)
    params = SearchParamsSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    query = selectors.ProfileQuery(**params.validated_data)
    queryset = selectors.with_card_data(
        selectors.profiles_search(viewer=member, query=query)
    )
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request)
    cards = selectors.profile_cards(page, viewer=member)
    return paginator.get_paginated_response([_card_data(card) for card in cards])


@extend_schema(tags=["profiles"], responses=ProfileDetailSerializer)
@api_view(["GET"])
def expert_detail(request, profile_id):
    """One profile, redacted for the caller; 404 when hidden from their organization."""
    member = _member(request)
    row = selectors.access_profile(profile_id=profile_id, viewer=member)
    detail = selectors.profile_detail(profile=row, viewer=member)
    return Response({**detail, "card": _card_data(detail["card"])})


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
    import json

    return Response(json.loads(privacy.export_json(_member(request))))


# --- skills -----------------------------------------------------------------------


@extend_schema(
    tags=["skills"],
    parameters=[OpenApiParameter("q", str)],
    request=SkillSerializer,
    responses=SkillSerializer(many=True),
    methods=["GET", "POST"],
)
@api_view(["GET", "POST"])
def skills(request):
    """The skill taxonomy; POST proposes a new skill (moderators approve and merge)."""
    member = _member(request)
    if request.method == "POST":
        serializer = SkillSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        skill = services.skill_propose(member=member, **serializer.validated_data)
        return Response(SkillSerializer(skill).data, status=status.HTTP_201_CREATED)
    queryset = selectors.skills_usable(member=member)
    if q := request.query_params.get("q", "").strip():
        from django.db.models import Q

        queryset = queryset.filter(Q(name_fr__icontains=q) | Q(name_en__icontains=q))
    return Response(SkillSerializer(queryset.order_by("name_fr"), many=True).data)


# --- organizations ----------------------------------------------------------------


@extend_schema(
    tags=["organizations"],
    request=OrganizationSerializer,
    responses=OrganizationSerializer,
    methods=["GET", "PATCH"],
)
@api_view(["GET", "PATCH"])
def my_organization(request):
    member = _member(request)
    if not member.is_company:
        raise PermissionDenied
    organization = member.organization
    if request.method == "PATCH":
        serializer = OrganizationSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organization = services.organization_update(
            organization=organization, by=member, **serializer.validated_data
        )
    return Response(OrganizationSerializer(organization).data)


@extend_schema(
    tags=["organizations"],
    request=inline_serializer("InvitationIn", {"email": serializers.EmailField()}),
    responses={
        201: inline_serializer("InvitationOut", {"email": serializers.EmailField()})
    },
)
@api_view(["POST"])
def my_organization_invitations(request):
    """Owners invite a colleague by e-mail."""
    member = _member(request)
    if not member.is_company:
        raise PermissionDenied
    invitation = services.organization_invite(
        organization=member.organization, by=member, email=request.data.get("email", "")
    )
    return Response({"email": invitation.email}, status=status.HTTP_201_CREATED)


# --- matching ---------------------------------------------------------------------


@extend_schema(
    tags=["matching"],
    request=NeedSpecSerializer,
    responses=ExpertMatchSerializer(many=True),
)
@api_view(["POST"])
def match_experts(request):
    """Rank experts for a need described in the body, each with its explanation."""
    member = _member(request)
    serializer = NeedSpecSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    wanted = {}
    for key, weight in data.pop("skills").items():
        skill = selectors.skill_by_slug(key)
        if skill is None:
            try:
                skill = services.skill_resolve(skill_id=key)
            except ValidationError:
                raise ValidationError(
                    {"skills": f"Unknown skill: {key[:60]}"}
                ) from None
        wanted[str(skill.pk)] = weight
    limit = data.pop("limit")
    need = matching.need_spec_from(id="api", skills=wanted, **data)
    results = matching.experts_for_need(
        need,
        viewer_org=selectors.viewer_organization(member),
        viewer=member,
        limit=limit,
    )
    return Response(
        [
            {
                "expert": _card_data(match.subject),
                "explanation": match.explanation.as_dict(),
            }
            for match in results
        ]
    )


@extend_schema(
    tags=["matching"],
    responses=inline_serializer(
        "MatchingWeights",
        {
            "weights": serializers.DictField(child=serializers.IntegerField()),
            "history": serializers.ListField(child=serializers.DictField()),
        },
    ),
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def matching_weights(request):
    """Public: the weights in force and every version with its date."""
    from core import rules

    return Response(
        {
            "weights": matching.current_weights(),
            "history": [
                {"effective_at": version.effective_at, "value": version.value}
                for version in rules.history("matching.weights")
            ],
        }
    )
