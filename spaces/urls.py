"""Pages of peer spaces and circles, under /spaces/."""

from django.urls import path

from .views import circles, spaces, threads

app_name = "spaces"


urlpatterns = [
    path("", spaces.space_list, name="list"),
    path("new/", spaces.space_new, name="new"),
    path("staff/", spaces.staff_spaces, name="staff"),
    path("staff/new/", spaces.staff_space_new, name="staff_new"),
    path("<uuid:space_id>/", spaces.space_home, name="space"),
    path("<uuid:space_id>/join/", spaces.space_join, name="join"),
    path("<uuid:space_id>/appeal/", spaces.space_appeal, name="appeal"),
    path("<uuid:space_id>/charter/", spaces.space_charter, name="charter"),
    path("<uuid:space_id>/moderation/", spaces.space_moderation, name="moderation"),
    path(
        "<uuid:space_id>/moderators/<uuid:membership_id>/vote/",
        spaces.confirmation_vote,
        name="confirmation_vote",
    ),
    path(
        "<uuid:space_id>/members/<uuid:membership_id>/<str:action>/",
        spaces.member_action,
        name="member_action",
    ),
    path("threads/<uuid:thread_id>/", threads.thread_page, name="thread"),
    path("threads/<uuid:thread_id>/follow/", threads.thread_follow, name="follow"),
    path("posts/<uuid:post_id>/<str:action>/", threads.post_action, name="post_action"),
    path("files/<uuid:attachment_id>/", threads.attachment, name="attachment"),
    path("circles/new/", circles.circle_create, name="circle_create"),
    path("circles/<uuid:circle_id>/", circles.circle_page, name="circle"),
    path(
        "circles/<uuid:circle_id>/<str:action>/",
        circles.circle_action,
        name="circle_action",
    ),
]
