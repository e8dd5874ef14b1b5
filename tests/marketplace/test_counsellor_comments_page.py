"""The counsellors' comment form is for the invited counsellors, not the expert."""

import pytest
from django.urls import reverse

from marketplace import services
from tests.factories import ExpertFactory, paid
from tests.marketplace.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def comment_action(profile):
    return reverse("marketplace:profile_comment", args=[profile.pk])


def test_the_expert_reads_comments_on_their_profile_without_a_form(client):
    owner = paid(ExpertFactory())
    profile = ProfileFactory(member=owner)
    counsellor = paid(ExpertFactory())
    services.counsellor_invite(profile=profile, email=counsellor.user.email)
    services.profile_comment_add(
        profile=profile, author=counsellor, body="Ajoute tes chiffres"
    )
    client.force_login(owner.user)
    html = client.get(reverse("marketplace:profile", args=[profile.pk])).content
    html = html.decode()
    assert "Ajoute tes chiffres" in html
    assert comment_action(profile) not in html


def test_an_invited_counsellor_sees_the_comment_form(client):
    profile = ProfileFactory(member=paid(ExpertFactory()))
    counsellor = paid(ExpertFactory())
    services.counsellor_invite(profile=profile, email=counsellor.user.email)
    client.force_login(counsellor.user)
    html = client.get(reverse("marketplace:profile", args=[profile.pk])).content
    assert comment_action(profile) in html.decode()
