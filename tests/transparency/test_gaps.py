"""The figures added after the first release: members joining and lapsing,
income by plan, recount links, and motions counted as of the period's end."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from billing.models import Membership, Plan
from governance import services as governance
from governance.models import Motion, Result
from tests.factories import ExpertFactory, OrganizationFactory
from transparency import collect, package, services
from transparency.figures import CATALOGUE
from transparency.periods import Month, Period

from .helpers import at, ledger

pytestmark = pytest.mark.django_db


def month_back(count: int) -> Month:
    day = timezone.localdate().replace(day=1)
    for _ in range(count):
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return Month(day)


def run(key, period):
    return CATALOGUE[key].run(collect.COLLECTORS[key](period))


def membership(start, end, *, member=None, org=None):
    return Membership.objects.create(
        member=member, organization=org, starts_on=start, ends_on=end, source="grant"
    )


def test_members_joining_and_lapsing_per_month_and_community():
    before, last = month_back(2).first_day, month_back(1).first_day
    gone, stays = ExpertFactory(), ExpertFactory()
    membership(before, last + dt.timedelta(days=9), member=gone)
    membership(before, last + dt.timedelta(days=4), member=stays)
    membership(last + dt.timedelta(days=4), last + dt.timedelta(days=400), member=stays)
    membership(last, last + dt.timedelta(days=365), org=OrganizationFactory())
    result = run("members.movements", Period.last_months(12))["months"]
    assert result[month_back(2).label]["cells"]["expert:new"] == 2
    assert result[month_back(1).label]["cells"]["expert:lapsed"] == 1
    assert result[month_back(1).label]["cells"]["company:new"] == 1
    assert result[month_back(1).label]["cells"]["company:lapsed"] == 0


def test_membership_income_by_plan_reads_the_plan_from_billing():
    Plan.objects.create(community="expert", interval="year", amount_cents=12_000)
    Plan.objects.create(community="expert", interval="month", amount_cents=1_200)
    day = month_back(1).first_day + dt.timedelta(days=3)
    for _ in range(3):
        ledger(day, 12_000, member=ExpertFactory())  # a transfer: yearly
        ledger(day, 1_200, member=ExpertFactory(), source="stripe")  # by price
    ledger(day, 999, member=ExpertFactory(), source="stripe")  # no such plan
    cells = run("income.by_plan", Period.last_months(12))["months"][
        month_back(1).label
    ]["cells"]
    assert cells["expert/year"] == 36_000
    # one payer without a plan: hidden, and the smallest other cell with it
    assert cells["expert/none"] is None and cells["expert/month"] is None
    assert (
        run("income.by_plan", Period.last_months(12))["total"] == 36_000 + 3_600 + 999
    )


def _motion(author, created, state, **fields):
    motion = Motion.objects.create(
        author=author,
        kind="text",
        title="Baisser la cotisation",
        rationale="r",
        text="t",
    )
    Motion.objects.filter(pk=motion.pk).update(
        created_at=created, state=state, **fields
    )
    return Motion.objects.get(pk=motion.pk)


def test_a_sealed_month_regenerates_identically_after_a_motion_changes_state():
    month = month_back(1)
    author = ExpertFactory()
    debated = _motion(author, at(month.first_day), Motion.State.DELIBERATION)
    voting = _motion(
        author,
        at(month.first_day),
        Motion.State.VOTING,
        voting_opens_at=at(month.first_day + dt.timedelta(days=1)),
        voting_closes_at=at(month.first_day + dt.timedelta(days=60)),
    )
    sealed = services.month_close(month)
    cells = sealed.figures["figures"]["governance.motions"]["result"]["months"][
        month.label
    ]["cells"]
    assert (cells["deliberation"], cells["voting"]) == (1, 1)
    # after the month: one withdrawn through the service, one closed
    governance.motion_withdraw(motion=debated, by=author)
    Motion.objects.filter(pk=voting.pk).update(
        state=Motion.State.ADOPTED, closed_at=timezone.now()
    )
    assert services.month_files(month) == sealed.files
    live = run("governance.motions", Period.last_months(12))["months"][month.label]
    assert (live["cells"]["withdrawn"], live["cells"]["adopted"]) == (1, 1)


def test_each_tally_links_to_its_recount_page():
    month = month_back(1)
    motion = _motion(
        ExpertFactory(),
        at(month.first_day),
        Motion.State.ADOPTED,
        closed_at=at(month.first_day + dt.timedelta(days=5)),
    )
    Result.objects.create(
        motion=motion,
        tally={"quorum_met": True},
        ballots="[]",
        digest="0",
        ballot_count=0,
    )
    url = reverse("governance:motion_results", args=[motion.pk])
    assert f'href="{url}"' in Client().get(reverse("transparency:dashboard")).text
    services.month_close(month)
    page = Client().get(reverse("transparency:report", args=[month.label])).text
    assert f'href="{url}"' in page


def test_the_result_definition_says_no_budget_was_voted():
    assert (
        "aucun budget voté pour la période"
        in CATALOGUE["result.monthly"].definition["fr"]
    )
    assert package.file_name("members.movements") == "members-movements.csv"
