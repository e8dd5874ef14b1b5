# ruff: noqa: S608  (table names come from the models, never from input)
"""Append-only data in PostgreSQL: the ledger, rule versions, the audit trail and
the ballots of closed votes refuse raw SQL UPDATE and DELETE (issue 15, item 6).

PostgreSQL only: the triggers (django-pgtrigger, core/append_only.py) are not
installed on SQLite.
"""

import pytest
from django.db import (
    IntegrityError,
    InternalError,
    ProgrammingError,
    connection,
    transaction,
)
from django.utils import timezone

from billing.models import LedgerEntry
from core.models import RuleVersion
from governance import services
from governance.models import Ballot
from marketplace.models import AuditEvent
from marketplace.services.audit import audit_record
from tests.conftest import postgres_only
from tests.factories import CompanyMemberFactory, ExpertFactory
from tests.governance.factories import after, during, in_voting, voter

pytestmark = [postgres_only, pytest.mark.django_db]
REFUSED = (InternalError, IntegrityError, ProgrammingError)


def _raw(sql: str, params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _refused(sql: str, params) -> bool:
    try:
        _raw(sql, params)
    except REFUSED as error:
        text = str(error).lower()
        return "pgtrigger: cannot" in text or "closed vote" in text
    return False


def _ledger_entry(member=None) -> LedgerEntry:
    return LedgerEntry.objects.create(
        kind="payment",
        source="transfer",
        amount_cents=12_000,
        reference="VIR-2026-001",
        occurred_at=timezone.now(),
        member=member,
    )


def test_the_ledger_refuses_raw_update_and_delete():
    entry = _ledger_entry()
    table = LedgerEntry._meta.db_table
    assert _refused(f"UPDATE {table} SET amount_cents = 1 WHERE id = %s", [entry.pk])
    assert _refused(f"UPDATE {table} SET reference = 'x' WHERE id = %s", [entry.pk])
    assert _refused(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert (entry.amount_cents, entry.reference) == (12_000, "VIR-2026-001")


def test_a_ledger_line_may_lose_its_member_but_never_change_hands():
    member, other = CompanyMemberFactory(), CompanyMemberFactory()
    entry = _ledger_entry(member)
    table = LedgerEntry._meta.db_table
    assert _refused(
        f"UPDATE {table} SET member_id = %s WHERE id = %s", [other.pk, entry.pk]
    )
    _raw(f"UPDATE {table} SET member_id = NULL WHERE id = %s", [entry.pk])  # SET NULL
    entry.refresh_from_db()
    assert entry.member_id is None and entry.amount_cents == 12_000


def test_rule_versions_refuse_raw_update_and_delete():
    version = RuleVersion.objects.first()
    assert version is not None  # the defaults are stored at migration time
    table = RuleVersion._meta.db_table
    assert _refused(f"UPDATE {table} SET value = '0' WHERE id = %s", [version.pk])
    assert _refused(f"DELETE FROM {table} WHERE id = %s", [version.pk])
    assert RuleVersion.objects.filter(pk=version.pk, value=version.value).exists()


def test_the_audit_trail_refuses_raw_update_and_delete():
    user = ExpertFactory().user
    event = audit_record(actor=user, action="test.done", target=user, reason="why")
    table = AuditEvent._meta.db_table
    assert _refused(
        f"UPDATE {table} SET reason = 'rewritten' WHERE id = %s", [event.pk]
    )
    assert _refused(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.reason == "why"


def test_ballots_of_a_closed_vote_refuse_raw_update_and_delete():
    motion = in_voting()
    services.ballot_cast(
        motion=motion, member=voter("experts"), choice="for", now=during(motion)
    )
    ballot = Ballot.objects.get(motion=motion)
    table = Ballot._meta.db_table
    # while the vote is open, the trigger lets the service's own writes through
    _raw(f"UPDATE {table} SET choice = choice WHERE id = %s", [ballot.pk])
    services.motion_close(motion=motion, now=after(motion))
    ballot = Ballot.objects.get(motion=motion)  # closing rewrites the ballots' ids
    assert _refused(f"UPDATE {table} SET choice = 'against' WHERE id = %s", [ballot.pk])
    assert _refused(f"DELETE FROM {table} WHERE id = %s", [ballot.pk])
    assert Ballot.objects.get(pk=ballot.pk).choice == "for"
