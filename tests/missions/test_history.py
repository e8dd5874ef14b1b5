"""The history of a mission reads as sentences, never as machine names."""

import re

import pytest
from django.utils import translation

from missions import history
from tests.missions import factories as f

MACHINE = re.compile(r"\b[a-z]+[._][a-z_]+\b|→")


def test_every_action_has_a_sentence_in_both_languages():
    for action, (with_actor, alone) in history.SENTENCES.items():
        for language in ("fr", "en"):
            with translation.override(language):
                line = str(with_actor) % {"who": "Claire"}
                assert line.startswith("Claire "), (action, line)
                assert not MACHINE.search(line), (action, line)
                assert not MACHINE.search(str(alone)), (action, alone)


def test_a_published_need_reads_as_a_sentence():
    with translation.override("fr"):
        assert history.sentence("need.publish", "Claire") == "Claire a publié le besoin"
    with translation.override("en"):
        assert history.sentence("need.publish", "Claire") == "Claire published the need"
        assert history.sentence("need.expire", None).startswith("The need expired")
        # a line the mission says again is left out; an unknown one stays human
        assert history.sentence("milestone.deliver", "Claire") is None
        assert history.sentence("need.something_new", "Claire") == (
            "Claire made a change"
        )


@pytest.mark.django_db
def test_the_mission_page_history_names_people_and_no_codes(client):
    mission = f.mission(state="completed")
    client.force_login(f.buyer_of(mission))
    with translation.override("fr"):
        html = client.get(
            mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()
    timeline = html[html.index('class="timeline"') :]
    timeline = timeline[: timeline.index("</ol>")]
    author = mission.need.author.display_name
    assert f"{author} a publié le besoin" in timeline
    assert "a accepté la livraison" in timeline
    assert "need.created" not in timeline and "→" not in timeline
