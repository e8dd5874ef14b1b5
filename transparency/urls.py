from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<str:figure_key>/", views.figure_detail, name="figure"),
    path("obligations/", views.obligations, name="obligations"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<str:month>/", views.report_detail, name="report"),
    path("data/<str:name>", views.data_file, name="data_file"),
    path("data/<str:month>/<str:name>", views.month_file, name="month_file"),
]
