import pytest
from django.urls import reverse

from missions.models import Mission
from tests.missions import factories as f


@pytest.mark.django_db
def test_mission_can_reach_completed(client):
    m = f.mission(state="completed")
    assert Mission.objects.get(pk=m.pk).state == Mission.State.COMPLETED
    client.force_login(f.buyer_of(m))
    for url in [
        reverse("missions:mission", args=[m.pk]),
        reverse("missions:missions"),
        reverse("missions:needs"),
        reverse("missions:need", args=[m.need_id]),
        reverse("missions:proposal", args=[m.proposal_id]),
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(f.seller_of(m))
    for url in [
        reverse("missions:mission", args=[m.pk]),
        reverse("missions:needs"),
        reverse("missions:proposals"),
    ]:
        assert client.get(url).status_code == 200, url
