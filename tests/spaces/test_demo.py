"""seed_demo builds two believable spaces with threads, and one circle."""

import pytest
from django.core.management import call_command
from django.test import Client

from marketplace.demo import email_for
from marketplace.models import Member
from spaces.models import Circle, ModerationAction, Space, Thread


@pytest.mark.django_db
def test_seed_demo_holds_two_spaces_with_threads_and_a_circle(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo")
    spaces = list(Space.objects.all())
    assert len(spaces) == 2
    for space in spaces:
        assert Thread.objects.filter(space=space).exists()
        assert space.charter
    assert Circle.objects.count() == 1
    assert ModerationAction.objects.filter(kind="hide").exists()
    # Camille moderates the industry space and counsels Antoine's circle;
    # Claire (a company) sees neither
    camille = Member.objects.get(user__email=email_for("camille"))
    client = Client()
    client.force_login(camille.user)
    listing = client.get("/spaces/").content.decode()
    assert "Industrie : qualité et amélioration continue" in listing
    assert "Ma reconversion" in listing
    numerique = Space.objects.get(family="Numérique")
    assert client.get(numerique.get_absolute_url()).status_code == 404
    claire = Member.objects.get(user__email=email_for("claire"))
    client.force_login(claire.user)
    assert client.get("/spaces/").status_code == 404
