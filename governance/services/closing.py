"""Closing a vote (count, publish, schedule) and enacting an adopted motion."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import rules
from core.models import RuleVersion
from core.refusals import Refusal
from marketplace import notifications
from marketplace.i18n import in_language
from marketplace.services import notify

from .. import tally
from ..enactment import rule_versions_write
from ..models import Ballot, Motion, Result
from ..selectors import electorate_counts
from .transitions import clock, motion_select_for_update, motion_transition

notifications.register(
    "governance.motion_closed", gettext_lazy("The vote on my motion closed")
)


@transaction.atomic
def motion_close(*, motion: Motion, now: dt.datetime | None = None) -> Motion:
    """Count a vote whose window has passed, publish the result and its anonymous list.

    Adopted rule changes are scheduled for the end of the cooling-off delay.
    """
    now = clock(now)
    locked = motion_select_for_update(motion)
    if locked.state != Motion.State.VOTING or now < locked.voting_closes_at:
        raise Refusal(_("This vote is not due to close."))
    parameters = tally.Parameters.from_dict(locked.parameters)
    electorate = electorate_counts()
    ballots = list(
        locked.ballots.order_by("receipt_hash").values_list(
            "receipt_hash", "college", "choice"
        )
    )
    _ballots_rewrite(motion=locked, ballots=ballots)
    outcome = tally.count(
        ((college, choice) for _h, college, choice in ballots),
        electorate=electorate,
        parameters=parameters,
    )
    published = tally.published_list(
        motion_id=str(locked.pk),
        ballots=ballots,
        electorate=electorate,
        parameters=parameters,
    )
    Result.objects.create(
        motion=locked,
        tally=outcome.as_dict(),
        ballots=published,
        digest=hashlib.sha256(published.encode()).hexdigest(),
        ballot_count=len(ballots),
    )
    method = "adopt" if outcome.adopted else "reject"
    locked = motion_transition(
        motion=locked,
        by=None,
        action=f"motion.{method}ed",
        method=method,
        closed_at=now,
    )
    if outcome.adopted and locked.kind == Motion.Kind.RULES:
        delay = rules.get("governance.cooling_off_days", at=now)
        locked = motion_transition(
            motion=locked,
            by=None,
            action="motion.scheduled",
            method="schedule",
            effective_at=locked.voting_closes_at + dt.timedelta(days=delay),
        )
    _tell_author(locked)
    return locked


def _ballots_rewrite(*, motion: Motion, ballots: list[tuple[str, str, str]]) -> None:
    """Store the ballots again, in receipt-hash order, inside the closing transaction.

    Each ballot was inserted in the same transaction as its voter's roll entry,
    so the database's own row metadata (PostgreSQL's xmin transaction id, the
    physical row order) could join the two. Rewriting them all at the close
    gives every ballot the same transaction and an order that follows the
    random receipt hashes, not the voters. (Dead row versions stay on disk
    until VACUUM; see the README.)
    """
    table = Ballot._meta.db_table
    if connection.vendor == "postgresql":
        # one statement, in the database: delete, then insert back sorted, new ids
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH old AS (DELETE FROM {table} WHERE motion_id = %s "  # noqa: S608
                "RETURNING motion_id, college, choice, receipt_hash) "
                f"INSERT INTO {table} (id, motion_id, college, choice, receipt_hash) "
                "SELECT gen_random_uuid(), motion_id, college, choice, receipt_hash "
                "FROM old ORDER BY receipt_hash",
                [motion.pk],
            )
        return
    Ballot.objects.filter(motion=motion).delete()
    Ballot.objects.bulk_create(
        (
            Ballot(motion=motion, college=college, choice=choice, receipt_hash=receipt)
            for receipt, college, choice in ballots
        ),
        batch_size=5000,
    )


def _tell_author(motion: Motion) -> None:
    author = motion.author
    with in_language(author):
        title = (
            _("Your motion was adopted: %(title)s")
            if motion.state == Motion.State.ADOPTED
            else _("Your motion was not adopted: %(title)s")
        ) % {"title": motion.title}
        notify(
            member=author,
            kind="governance.motion_closed",
            title=title,
            url=motion.get_absolute_url(),
        )


@transaction.atomic
def motion_enact(
    *, motion: Motion, now: dt.datetime | None = None
) -> list[RuleVersion]:
    """Scheduled → enacted: store the new rule versions. The only writer of rules."""
    now = clock(now)
    locked = motion_select_for_update(motion)
    if locked.enactment != Motion.Enactment.SCHEDULED or now < locked.effective_at:
        raise Refusal(_("This motion has nothing due to enact."))
    versions = rule_versions_write(motion=locked)
    motion_transition(
        motion=locked, by=None, action="motion.enacted", method="enact", enacted_at=now
    )
    return versions
