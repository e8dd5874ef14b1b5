"""Member-facing pages of the marketplace app (profiles, search, matching...)."""

app_name = "marketplace"
urlpatterns: list = []
