import pytest

from missions.models import Mission
from tests.missions import factories as f


@pytest.mark.django_db
def test_mission_can_reach_completed():
    m = f.mission(state="completed")
    assert m.state == Mission.State.COMPLETED
