"""The receipt check names the choice as the ballot form does: capitalised."""

import pytest
from django.urls import reverse

from governance import services

from .factories import after, in_voting, voter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "“For”"), ("fr", "« Pour »")],
)
def test_receipt_check_shows_the_choice_capitalised(client, settings, language, shown):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    motion = in_voting()
    receipt = services.ballot_cast(
        motion=motion, member=voter(), choice="for", now=motion.voting_opens_at
    )
    services.motion_close(motion=motion, now=after(motion))
    url = reverse("governance:motion_results", args=[motion.pk])
    page = client.get(url, {"receipt": receipt}).content.decode()
    assert shown in page.replace("\u00a0", " ").replace("\u202f", " ")
