from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:key>/", views.rule_detail, name="rule"),
]
