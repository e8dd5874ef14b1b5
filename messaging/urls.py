"""Conversation pages, under /missions/conversations/.

config/urls.py mounts them in the "missions" namespace ("missions:conversation"),
the paths and names they had when conversations lived in missions.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.conversation_list, name="conversations"),
    path("<uuid:conversation_id>/", views.conversation_detail, name="conversation"),
    path(
        "proposal/<uuid:proposal_id>/",
        views.conversation_for_proposal,
        name="conversation_for_proposal",
    ),
    path(
        "mission/<uuid:mission_id>/",
        views.conversation_for_mission,
        name="conversation_for_mission",
    ),
    path("messages/<uuid:message_id>/edit/", views.message_edit, name="message_edit"),
    path(
        "messages/<uuid:message_id>/delete/",
        views.message_delete,
        name="message_delete",
    ),
    path(
        "attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="conversation_attachment",
    ),
]
