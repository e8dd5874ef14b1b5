from django.urls import path

from . import cards, views

app_name = "cms"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("cards/mine/", cards.my_card, name="my_card"),
    path("cards/<uuid:profile_id>/", cards.card, name="card"),
]
