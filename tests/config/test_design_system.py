"""The design system page: staff only, every component rendered."""

import pytest
from django.urls import reverse

from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_design_system_page_is_for_staff(client):
    client.force_login(ExpertFactory().user)
    assert client.get(reverse("design_system")).status_code == 302


def test_design_system_page_shows_every_component(client):
    client.force_login(UserFactory(is_staff=True))
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("design_system")).content.decode()
    for marker in (
        'class="page-header"',
        "state-badge text-bg-success",
        "actions-danger",
        "data-confirm=",
        "empty-state",
        "table-responsive-stack",
        "error-summary",
        "data-picker",
        "1\u202f234,50\u00a0€",
    ):
        assert marker in html, marker
    assert 'style="' not in html and "<script>" not in html
