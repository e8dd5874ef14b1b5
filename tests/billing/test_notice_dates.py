"""Dates in billing notifications read like every other date: "30 novembre 2027"."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from billing import services
from billing.models import Membership
from core.templatetags.ui import format_when
from marketplace.models import Notification
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def treasurer():
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="treasurer")
    user.groups.add(group)
    return user


@pytest.mark.parametrize("language", ["fr", "en"])
def test_paid_until_is_written_in_words(
    treasurer, language, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(language=language)
    transfer = services.transfer_request(member=expert)
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer_record(
            transfer=transfer, received_on=timezone.localdate(), by=treasurer
        )
    ends_on = Membership.objects.get(member=expert).ends_on
    title = Notification.objects.get(
        member=expert, kind="billing.payment_received"
    ).title
    with translation.override(language):
        assert format_when(ends_on) in title
    assert not re.search(r"\d{2}/\d{2}/\d{4}", title)
