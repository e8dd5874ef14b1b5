"""REST API of billing."""

urlpatterns: list = []
