"""REST API of missions."""

urlpatterns: list = []
