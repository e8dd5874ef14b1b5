import pytest
from django.core.management import call_command

from core import rules
from governance.demo import CAMILLE_RECEIPT
from governance.models import Motion
from governance.selectors import receipt_lookup


@pytest.mark.django_db
def test_seed_demo_holds_motions_in_every_state_and_a_checkable_receipt():
    call_command("seed_demo")
    states = set(Motion.objects.values_list("state", flat=True))
    assert states == set(Motion.State.values)
    enactments = set(Motion.objects.values_list("enactment", flat=True))
    assert enactments == set(Motion.Enactment.values)
    closed = Motion.objects.get(title__startswith="Raccourcir à 10 jours")
    assert receipt_lookup(motion=closed, code=CAMILLE_RECEIPT).choice == "for"
    assert rules.get("missions.auto_accept_days") == 10
