"""Profiles, skills, organizations, search and matching endpoints (profiles issue)."""

from django.urls import path

from .matching import api as matching_api
from .organizations import api as organization_api
from .profiles import api as profile_api
from .skills import api as skill_api

urlpatterns: list = [
    path("experts/", profile_api.experts, name="api-experts"),
    path("experts/<uuid:profile_id>/", profile_api.expert_detail, name="api-expert"),
    path("profile/", profile_api.my_profile, name="api-profile"),
    path(
        "profile/publish/", profile_api.my_profile_publish, name="api-profile-publish"
    ),
    path(
        "profile/unpublish/",
        profile_api.my_profile_unpublish,
        name="api-profile-unpublish",
    ),
    path("profile/skills/", profile_api.my_skills, name="api-profile-skills"),
    path(
        "profile/skills/<uuid:skill_id>/",
        profile_api.my_skill_delete,
        name="api-profile-skill",
    ),
    path(
        "profile/experiences/",
        profile_api.my_experiences,
        name="api-profile-experiences",
    ),
    path(
        "profile/experiences/<uuid:experience_id>/",
        profile_api.my_experience,
        name="api-profile-experience",
    ),
    path("profile/reveals/", profile_api.my_reveals, name="api-profile-reveals"),
    path(
        "profile/reveals/<uuid:reveal_id>/withdraw/",
        profile_api.my_reveal_withdraw,
        name="api-profile-reveal-withdraw",
    ),
    path(
        "profile/hidden-from/", profile_api.my_hide_list, name="api-profile-hidden-from"
    ),
    path(
        "profile/hidden-from/<uuid:organization_id>/",
        profile_api.my_hide_list_delete,
        name="api-profile-hidden-from-delete",
    ),
    path("me/export/", profile_api.my_export, name="api-my-export"),
    path("skills/", skill_api.skills, name="api-skills"),
    path("organization/", organization_api.my_organization, name="api-organization"),
    path(
        "organization/invitations/",
        organization_api.my_organization_invitations,
        name="api-organization-invitations",
    ),
    path("matching/experts/", matching_api.match_experts, name="api-match-experts"),
    path(
        "matching/weights/", matching_api.matching_weights, name="api-matching-weights"
    ),
]
