"""Appointed moderators confirmed by a secret ballot within a month; the weekly digest."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from core.refusals import Refusal
from governance.receipts import ballot_hash
from marketplace.models import Notification
from marketplace.periodic import jobs
from spaces import services
from spaces.digest import spaces_send_digests
from spaces.models import (
    ConfirmationBallot,
    ConfirmationVoter,
    Membership,
    ModerationAction,
)
from tests.spaces.space_factories import make_space, practitioner, seat

pytestmark = pytest.mark.django_db


def test_members_confirm_a_moderator_by_secret_ballot():
    space, moderator = make_space()
    voters = [practitioner() for _ in range(3)]
    for member in voters:
        services.space_join(space=space, member=member)
    row = Membership.objects.get(space=space, member=moderator)
    codes = [
        services.confirmation_vote(seat=seat(member, space), moderator=row, approve=ok)
        for member, ok in zip(voters, (True, True, False), strict=True)
    ]
    with pytest.raises(Refusal):  # once per member
        services.confirmation_vote(
            seat=seat(voters[0], space), moderator=row, approve=False
        )
    with pytest.raises(Refusal):  # not on oneself
        services.confirmation_vote(
            seat=seat(moderator, space), moderator=row, approve=True
        )
    assert ConfirmationVoter.objects.filter(moderator=row).count() == 3
    # the ballot carries no member; only its receipt code finds it
    ballot = ConfirmationBallot.objects.get(
        receipt_hash=ballot_hash(motion_id=row.pk, code=codes[2])
    )
    assert ballot.approve is False
    assert {f.name for f in ConfirmationBallot._meta.fields} == {
        "id", "moderator", "approve", "receipt_hash",
    }  # fmt: skip
    # before the deadline nothing is decided; after it, the count confirms them
    assert services.moderators_confirm_close() == 0
    Membership.objects.filter(pk=row.pk).update(
        confirm_by=timezone.localdate() - dt.timedelta(days=1)
    )
    assert services.moderators_confirm_close() == 1
    row.refresh_from_db()
    assert row.confirmed_at is not None and row.is_moderator
    assert ModerationAction.objects.filter(space=space, kind="confirm").exists()
    assert services.moderators_confirm_close() == 0


def test_a_moderator_nobody_confirms_goes_back_to_member():
    space, moderator = make_space()
    Membership.objects.filter(member=moderator).update(
        confirm_by=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(Refusal):  # too late to vote
        voter = practitioner()
        services.space_join(space=space, member=voter)
        services.confirmation_vote(
            seat=seat(voter, space),
            moderator=Membership.objects.get(member=moderator),
            approve=True,
        )
    services.moderators_confirm_close()
    row = Membership.objects.get(member=moderator)
    assert row.role == Membership.Role.MEMBER and not row.is_moderator


def test_the_jobs_are_registered():
    names = {job.name for job in jobs()}
    assert "spaces.timers.spaces_send_digests" in names
    assert "spaces.timers.moderators_confirm_close" in names


def test_weekly_digest_lists_titles_never_names_and_comes_once_a_week():
    space, moderator = make_space()
    masked = practitioner(pseudonymous=True, alias="Hibou gris")
    masked.display_name = "Marc Delorme"
    masked.save()
    services.space_join(space=space, member=masked)
    services.thread_create(
        seat=seat(masked, space), title="Facturer la maintenance", body="Forfait ?"
    )
    assert spaces_send_digests() == 2
    digest = Notification.objects.get(member=moderator, kind="spaces.digest")
    assert "Facturer la maintenance" in digest.body
    for text in (digest.title, digest.body, *(m.body for m in mail.outbox)):
        assert "Marc" not in text and "Delorme" not in text
    # nothing new, and not a week yet: no second digest
    assert spaces_send_digests() == 0
    services.thread_create(seat=seat(moderator, space), title="Astreintes", body="?")
    assert spaces_send_digests() == 0
    later = timezone.now() + dt.timedelta(days=7, minutes=1)
    assert spaces_send_digests(now=later) == 2
    latest = Notification.objects.filter(member=masked).order_by("-created_at").first()
    assert "Astreintes" in latest.body


def test_the_charter_page_takes_a_vote_and_gives_the_receipt(client):
    space, moderator = make_space()
    voter = practitioner()
    services.space_join(space=space, member=voter)
    client.force_login(voter.user)
    row = Membership.objects.get(member=moderator)
    page = client.get(f"/spaces/{space.pk}/charter/").content.decode()
    assert f"/spaces/{space.pk}/moderators/{row.pk}/vote/" in page
    response = client.post(
        f"/spaces/{space.pk}/moderators/{row.pk}/vote/", {"approve": "1"}, follow=True
    )
    assert ConfirmationBallot.objects.get(moderator=row).approve is True
    (message,) = [str(m) for m in response.context["messages"]]
    code = re.search(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}", message).group(0)
    assert ConfirmationBallot.objects.filter(
        receipt_hash=ballot_hash(motion_id=row.pk, code=code)
    ).exists()
    page = client.get(f"/spaces/{space.pk}/charter/").content.decode()
    assert f"/moderators/{row.pk}/vote/" not in page  # voted: no second form
