"""Member-facing pages of the marketplace app (profiles, search, matching...)."""

from django.urls import path

from .matching import views as matching_views
from .organizations import views as organization_views
from .profiles import privacy_views
from .profiles import views as profile_views

app_name = "marketplace"
urlpatterns = [
    path("experts/", profile_views.search, name="search"),
    path("experts/match/", matching_views.match_experts, name="match"),
    path("experts/<uuid:profile_id>/", profile_views.profile, name="profile"),
    path(
        "experts/<uuid:profile_id>/photo",
        profile_views.profile_photo,
        name="profile_photo",
    ),
    path(
        "experts/<uuid:profile_id>/comment/",
        profile_views.profile_comment,
        name="profile_comment",
    ),
    path("profile/", profile_views.profile_edit, name="profile_edit"),
    path("profile/publish/", profile_views.profile_publish, name="profile_publish"),
    path(
        "profile/photo/",
        profile_views.profile_photo_upload,
        name="profile_photo_upload",
    ),
    path("profile/skills/", profile_views.profile_skills, name="profile_skills"),
    path(
        "profile/appetences/",
        profile_views.profile_appetences,
        name="profile_appetences",
    ),
    path(
        "profile/experiences/new/", profile_views.experience_edit, name="experience_new"
    ),
    path(
        "profile/experiences/<uuid:experience_id>/",
        profile_views.experience_edit,
        name="experience_edit",
    ),
    path(
        "profile/experiences/<uuid:experience_id>/action/",
        profile_views.experience_action,
        name="experience_action",
    ),
    path("profile/privacy/", privacy_views.profile_privacy, name="profile_privacy"),
    path(
        "profile/privacy/action/",
        privacy_views.profile_privacy_action,
        name="profile_privacy_action",
    ),
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("organization/", organization_views.organization_page, name="organization"),
    path(
        "organization/action/",
        organization_views.organization_action,
        name="organization_action",
    ),
    path(
        "organizations/<uuid:organization_id>/logo",
        organization_views.organization_logo,
        name="organization_logo",
    ),
    path(
        "invitations/<str:token>/",
        organization_views.invitation_accept,
        name="invitation_accept",
    ),
    path("matching/", matching_views.how_matching_works, name="how_matching_works"),
]
