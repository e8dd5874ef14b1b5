"""A milestone's due date, promised in the proposal, stays on the mission."""

import datetime as dt

import pytest
from django.urls import reverse

from missions.api.missions import MilestoneSerializer
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_the_award_copies_each_milestones_due_date_and_the_page_shows_it(client):
    mission = f.mission(
        milestones=[
            {"title": "Diagnostic", "amount_cents": 300_000, "due_on": "2099-02-01"},
            {"title": "Plan", "amount_cents": 600_000},
        ]
    )
    rows = list(mission.milestones.order_by("position"))
    assert [row.due_on for row in rows] == [dt.date(2099, 2, 1), None]
    assert MilestoneSerializer(rows[0]).data["due_on"] == "2099-02-01"
    client.force_login(f.buyer_of(mission))
    page = client.get(
        reverse("missions:mission", args=[mission.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert '<time datetime="2099-02-01">1er février 2099</time>' in page
    assert "Sans date" in page  # the second milestone promised no date
