"""Profiles, skills, organizations, search and matching endpoints (profiles issue)."""

urlpatterns: list = []
