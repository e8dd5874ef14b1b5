"""Each transition tells the other party (in the app, and by e-mail if they want it)."""

import pytest
from django.core import mail

from marketplace.models import Notification
from marketplace.services import email_preferences_set
from missions import services
from missions.signals import mission_transitioned
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_delivery_notifies_the_company_in_app_and_by_email(
    django_capture_on_commit_callbacks,
):
    mission = f.mission(state="active")
    buyer = mission.need.author
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_deliver(
            mission=mission, by=f.seller_of(mission), message="Livré"
        )
    note = Notification.objects.get(member=buyer, kind="missions.delivery")
    assert mission.title in note.title and note.url == mission.get_absolute_url()
    assert not Notification.objects.filter(
        member=mission.expert, kind="missions.delivery"
    )
    assert [m.to for m in mail.outbox] == [[buyer.user.email]]


def test_members_choose_which_kinds_they_get_by_email(
    django_capture_on_commit_callbacks,
):
    mission = f.mission(state="active")
    buyer = mission.need.author
    email_preferences_set(member=buyer, choices={"missions.delivery": False})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_deliver(
            mission=mission, by=f.seller_of(mission), message="Livré"
        )
    assert Notification.objects.filter(member=buyer, kind="missions.delivery").exists()
    assert mail.outbox == []


def test_transition_signal_is_sent_after_commit(django_capture_on_commit_callbacks):
    mission = f.mission(state="awarded")
    received = []

    def receiver(sender, **kwargs):
        received.append(
            (kwargs["transition"], kwargs["from_state"], kwargs["to_state"])
        )

    mission_transitioned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.mission_confirm(mission=mission, by=f.seller_of(mission))
        assert received == []
        for callback in callbacks:
            callback()
    finally:
        mission_transitioned.disconnect(receiver)
    assert received == [("confirm", "awarded", "active")]


def test_notification_is_written_in_the_recipients_language():
    mission = f.mission(state="active")
    buyer = mission.need.author
    buyer.language = "en"
    buyer.save()
    services.mission_deliver(mission=mission, by=f.seller_of(mission), message="x")
    note = Notification.objects.get(member=buyer, kind="missions.delivery")
    assert "a delivery is waiting for your answer" in note.title
