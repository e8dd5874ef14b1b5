"""Profiles, skills, organizations, search and matching endpoints (profiles issue)."""

from django.urls import path

from . import profile_api as api

urlpatterns: list = [
    path("experts/", api.experts, name="api-experts"),
    path("experts/<uuid:profile_id>/", api.expert_detail, name="api-expert"),
    path("profile/", api.my_profile, name="api-profile"),
    path("profile/publish/", api.my_profile_publish, name="api-profile-publish"),
    path("profile/unpublish/", api.my_profile_unpublish, name="api-profile-unpublish"),
    path("profile/skills/", api.my_skills, name="api-profile-skills"),
    path(
        "profile/skills/<uuid:skill_id>/",
        api.my_skill_delete,
        name="api-profile-skill",
    ),
    path("profile/experiences/", api.my_experiences, name="api-profile-experiences"),
    path(
        "profile/experiences/<uuid:experience_id>/",
        api.my_experience,
        name="api-profile-experience",
    ),
    path("profile/reveals/", api.my_reveals, name="api-profile-reveals"),
    path(
        "profile/reveals/<uuid:reveal_id>/withdraw/",
        api.my_reveal_withdraw,
        name="api-profile-reveal-withdraw",
    ),
    path("profile/hidden-from/", api.my_hide_list, name="api-profile-hidden-from"),
    path(
        "profile/hidden-from/<uuid:organization_id>/",
        api.my_hide_list_delete,
        name="api-profile-hidden-from-delete",
    ),
    path("me/export/", api.my_export, name="api-my-export"),
    path("skills/", api.skills, name="api-skills"),
    path("organization/", api.my_organization, name="api-organization"),
    path(
        "organization/invitations/",
        api.my_organization_invitations,
        name="api-organization-invitations",
    ),
    path("matching/experts/", api.match_experts, name="api-match-experts"),
    path("matching/weights/", api.matching_weights, name="api-matching-weights"),
]
