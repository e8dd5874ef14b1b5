import pytest
from django.core.management import call_command

from missions.models import Dispute, Mission, Need, Proposal


@pytest.mark.django_db
def test_seed_demo_holds_needs_and_missions_in_every_state(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo")
    for model in (Need, Proposal, Mission):
        states = set(model.objects.values_list("state", flat=True))
        assert states == set(model.State.values), (
            model,
            set(model.State.values) - states,
        )
    assert Dispute.objects.filter(
        state="decided", precedent_published_at__isnull=False
    ).exists()
