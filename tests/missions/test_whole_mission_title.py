"""The default milestone's title follows the reader's language."""

import pytest
from django.utils import translation

from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_whole_mission_is_shown_in_the_readers_language(client):
    with translation.override("fr"):
        mission = f.mission(state="delivered")
    milestone = mission.milestones.get()
    assert milestone.title == "La mission entière"
    client.force_login(f.buyer_of(mission))
    english = client.get(
        mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "1. The whole mission" in english
    assert "La mission entière" not in english
    french = client.get(
        mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "1. La mission entière" in french


def test_a_typed_milestone_title_is_shown_as_typed():
    mission = f.mission(
        milestones=[
            {"title": "Diagnostic", "amount_cents": 300_000},
            {"title": "Rapport", "amount_cents": 600_000},
        ]
    )
    with translation.override("en"):
        assert [m.shown_title for m in mission.milestones.all()] == [
            "Diagnostic",
            "Rapport",
        ]
