from django.urls import path

from . import views

app_name = "missions"
urlpatterns = [
    path("", views.missions, name="missions"),
    path("<uuid:mission_id>/", views.mission_detail, name="mission"),
    path(
        "<uuid:mission_id>/do/<slug:name>/", views.mission_action, name="mission_action"
    ),
    path("needs/", views.needs, name="needs"),
    path("needs/new/", views.need_new, name="need_new"),
    path("needs/<uuid:need_id>/", views.need_detail, name="need"),
    path("needs/<uuid:need_id>/edit/", views.need_edit, name="need_edit"),
    path("needs/<uuid:need_id>/do/<slug:name>/", views.need_action, name="need_action"),
    path("needs/<uuid:need_id>/invite/", views.need_invite, name="need_invite"),
    path("needs/<uuid:need_id>/propose/", views.proposal_new, name="proposal_new"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<uuid:proposal_id>/", views.proposal_detail, name="proposal"),
    path(
        "proposals/<uuid:proposal_id>/revise/",
        views.proposal_revise,
        name="proposal_revise",
    ),
    path(
        "proposals/<uuid:proposal_id>/do/<slug:name>/",
        views.proposal_action,
        name="proposal_action",
    ),
    path(
        "disputes/<uuid:dispute_id>/do/<slug:name>/",
        views.dispute_action,
        name="dispute_action",
    ),
    path(
        "invoices/<uuid:invoice_id>/do/<slug:name>/",
        views.invoice_action,
        name="invoice_action",
    ),
    path("files/<uuid:file_id>/", views.file_download, name="file"),
    path("precedents/", views.precedents, name="precedents"),
]
