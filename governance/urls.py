from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:key>/", views.rule_detail, name="rule"),
    path("motions/", views.motion_list, name="motions"),
    path("motions/new/", views.motion_create, name="motion_create"),
    path("motions/<uuid:motion_id>/", views.motion_detail, name="motion"),
    path("motions/<uuid:motion_id>/edit/", views.motion_edit, name="motion_edit"),
    path(
        "motions/<uuid:motion_id>/do/<slug:action>/",
        views.motion_action,
        name="motion_action",
    ),
    path(
        "motions/<uuid:motion_id>/comment/", views.motion_comment, name="motion_comment"
    ),
    path(
        "motions/<uuid:motion_id>/amend/",
        views.amendment_propose,
        name="amendment_propose",
    ),
    path(
        "amendments/<uuid:amendment_id>/<str:decision>/",
        views.amendment_decide,
        name="amendment_decide",
    ),
    path("motions/<uuid:motion_id>/vote/", views.motion_vote, name="motion_vote"),
    path(
        "motions/<uuid:motion_id>/results/", views.motion_results, name="motion_results"
    ),
    path(
        "motions/<uuid:motion_id>/ballots.json",
        views.motion_ballots,
        name="motion_ballots",
    ),
]
