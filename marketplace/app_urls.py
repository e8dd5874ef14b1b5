"""Member-facing pages of the marketplace app (profiles, search, matching...)."""

from django.urls import path

from . import profile_views as views

app_name = "marketplace"
urlpatterns = [
    path("experts/", views.search, name="search"),
    path("experts/match/", views.match_experts, name="match"),
    path("experts/<uuid:profile_id>/", views.profile, name="profile"),
    path("experts/<uuid:profile_id>/photo", views.profile_photo, name="profile_photo"),
    path(
        "experts/<uuid:profile_id>/comment/",
        views.profile_comment,
        name="profile_comment",
    ),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/publish/", views.profile_publish, name="profile_publish"),
    path("profile/photo/", views.profile_photo_upload, name="profile_photo_upload"),
    path("profile/skills/", views.profile_skills, name="profile_skills"),
    path("profile/appetences/", views.profile_appetences, name="profile_appetences"),
    path("profile/experiences/new/", views.experience_edit, name="experience_new"),
    path(
        "profile/experiences/<uuid:experience_id>/",
        views.experience_edit,
        name="experience_edit",
    ),
    path(
        "profile/experiences/<uuid:experience_id>/action/",
        views.experience_action,
        name="experience_action",
    ),
    path("profile/privacy/", views.profile_privacy, name="profile_privacy"),
    path(
        "profile/privacy/action/",
        views.profile_privacy_action,
        name="profile_privacy_action",
    ),
    path("my-data/", views.my_data, name="my_data"),
    path("organization/", views.organization_page, name="organization"),
    path("organization/action/", views.organization_action, name="organization_action"),
    path(
        "organizations/<uuid:organization_id>/logo",
        views.organization_logo,
        name="organization_logo",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("matching/", views.how_matching_works, name="how_matching_works"),
]
