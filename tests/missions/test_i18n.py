from pathlib import Path

import polib
import pytest
from django.utils import translation

from missions.actions import MISSION_ACTIONS

PO = Path(__file__).resolve().parents[2] / "missions/locale/fr/LC_MESSAGES/django.po"


def test_french_catalog_is_complete():
    po = polib.pofile(str(PO))
    assert len(po) > 300
    assert not po.untranslated_entries() and not po.fuzzy_entries()


@pytest.mark.django_db
def test_buttons_and_pages_speak_french(client):
    with translation.override("fr"):
        assert str(MISSION_ACTIONS["deliver"].label) == "Livrer"
    from tests.missions import factories as f

    mission = f.mission(state="delivered")
    client.force_login(f.buyer_of(mission))
    html = client.get(
        mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Demander des modifications" in html and "Historique" in html
