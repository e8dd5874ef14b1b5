"""seed_demo loads believable experts, informal experiences and a pseudonymous one."""

import pytest
from django.core.management import call_command

from marketplace.models import Experience, ExpertProfile, PublicationStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_profiles_informal_experiences_and_an_alias():
    call_command("seed_demo")
    assert ExpertProfile.objects.filter(status=PublicationStatus.PUBLISHED).count() >= 6
    assert Experience.objects.filter(kind=Experience.Kind.INFORMAL).count() >= 5
    elodie = ExpertProfile.objects.get(member__user__email__startswith="elodie@")
    assert elodie.pseudonymous and elodie.alias
    assert "Garnier" not in elodie.search_text
    assert elodie.hidden_from.exists() and elodie.reveals.exists()
