"""Bank transfers: reference and bank details, recorded by a treasurer, numbered invoices."""

import datetime as dt
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from billing import services
from billing.models import BankTransfer, Invoice, LedgerEntry, Membership
from billing.selectors import membership_status
from core.refusals import Refusal
from tests.conftest import postgres_only
from tests.factories import CompanyMemberFactory, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def treasurer():
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="treasurer")
    user.groups.add(group)
    return user


def test_without_stripe_transfer_is_the_only_method(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    expert = ExpertFactory()
    client.force_login(expert.user)
    page = client.get("/billing/").content.decode()
    assert 'id="pay-by-transfer"' in page
    assert 'id="pay-by-card"' not in page


def test_member_gets_a_reference_and_the_bank_details(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    expert = ExpertFactory()
    client.force_login(expert.user)
    response = client.post("/billing/transfer/", follow=True)
    transfer = BankTransfer.objects.get()
    page = response.content.decode()
    assert transfer.reference in page and settings.BILLING_BANK_IBAN in page
    assert transfer.amount_cents == 12_000
    # asking again gives the same pending transfer
    client.post("/billing/transfer/")
    assert BankTransfer.objects.count() == 1


def test_treasurer_records_the_payment_and_the_membership_starts(client, treasurer):
    expert = ExpertFactory()
    transfer = services.transfer_request(member=expert)
    client.force_login(treasurer)
    assert transfer.reference in client.get("/billing/treasury/").content.decode()
    url = f"/billing/treasury/transfers/{transfer.pk}/"
    typed = {"received_on": timezone.localdate().isoformat(), "amount": "120,00"}
    # first a check step that says what will happen; nothing recorded yet
    response = client.post(url, typed)
    assert response.status_code == 200 and response.context["confirming"]
    assert not membership_status(expert).active and not Invoice.objects.exists()
    response = client.post(url, {**typed, "confirm": "1"})
    assert response.status_code == 302, response.content.decode()
    status = membership_status(expert)
    assert status.active and status.source == "transfer"
    invoice = Invoice.objects.get()
    assert invoice.number == f"OUV-{timezone.localdate().year}-00001"
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.source, entry.amount_cents) == (
        "payment",
        "transfer",
        12_000,
    )
    assert entry.reference == transfer.reference


def test_recording_twice_has_one_effect(treasurer):
    expert = ExpertFactory()
    transfer = services.transfer_request(member=expert)
    services.transfer_record(
        transfer=transfer, received_on=timezone.localdate(), by=treasurer
    )
    with pytest.raises(Refusal) as refusal:
        services.transfer_record(
            transfer=transfer, received_on=timezone.localdate(), by=treasurer
        )
    assert refusal.value.code == "not_pending" and refusal.value.status == 409
    assert Membership.objects.count() == 1 and LedgerEntry.objects.count() == 1


def test_wrong_amount_is_refused(treasurer):
    transfer = services.transfer_request(member=ExpertFactory())
    with pytest.raises(Refusal):
        services.transfer_record(
            transfer=transfer,
            received_on=timezone.localdate(),
            by=treasurer,
            amount_cents=100,
        )
    assert Invoice.objects.count() == 0


def test_a_renewal_by_transfer_starts_when_the_current_period_ends(treasurer):
    expert = ExpertFactory()
    services.transfer_record(
        transfer=services.transfer_request(member=expert),
        received_on=timezone.localdate(),
        by=treasurer,
    )
    first_end = membership_status(expert).until
    services.transfer_record(
        transfer=services.transfer_request(member=expert),
        received_on=timezone.localdate(),
        by=treasurer,
    )
    latest = Membership.objects.order_by("-ends_on").first()
    assert latest.starts_on == first_end


def test_company_transfer_covers_the_organization(treasurer):
    owner = CompanyMemberFactory()
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    transfer = services.transfer_request(member=owner)
    assert transfer.amount_cents == 60_000
    services.transfer_record(
        transfer=transfer, received_on=timezone.localdate(), by=treasurer
    )
    assert membership_status(colleague).active


def test_treasury_lists_an_organization_transfer_by_its_name(client, treasurer):
    owner = CompanyMemberFactory()
    transfer = services.transfer_request(member=owner)
    client.force_login(treasurer)
    response = client.get("/billing/treasury/")
    assert response.status_code == 200
    page = response.content.decode()
    assert transfer.reference in page and owner.organization.name in page
    detail = client.get(f"/billing/treasury/transfers/{transfer.pk}/")
    assert detail.status_code == 200
    assert owner.organization.name in detail.content.decode()


def test_treasury_counts_the_transfers_awaited():
    from billing.selectors import transfers_pending_count

    services.transfer_request(member=CompanyMemberFactory())
    services.transfer_request(member=ExpertFactory())
    assert transfers_pending_count() == 2


def test_only_treasurers_see_the_treasury(client):
    client.force_login(ExpertFactory().user)
    assert client.get("/billing/treasury/").status_code == 403


def test_invoice_pdf_is_downloadable_by_its_holder_only(client, treasurer):
    expert = ExpertFactory()
    services.transfer_record(
        transfer=services.transfer_request(member=expert),
        received_on=timezone.localdate(),
        by=treasurer,
    )
    invoice = Invoice.objects.get()
    client.force_login(expert.user)
    response = client.get(f"/billing/invoices/{invoice.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")
    assert invoice.number.encode() in body
    client.force_login(ExpertFactory().user)
    assert client.get(f"/billing/invoices/{invoice.pk}/").status_code == 404


def test_invoice_numbers_have_no_gap_even_when_a_transaction_rolls_back(treasurer):
    from django.db import transaction

    services.transfer_record(
        transfer=services.transfer_request(member=ExpertFactory()),
        received_on=timezone.localdate(),
        by=treasurer,
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invoice_number_next()
        raise RuntimeError
    services.transfer_record(
        transfer=services.transfer_request(member=ExpertFactory()),
        received_on=timezone.localdate(),
        by=treasurer,
    )
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    year = timezone.localdate().year
    assert numbers == [f"OUV-{year}-00001", f"OUV-{year}-00002"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_recordings_get_consecutive_numbers(treasurer):
    transfers = [services.transfer_request(member=ExpertFactory()) for _ in range(8)]
    barrier = threading.Barrier(len(transfers))
    errors = []

    def record(transfer):
        try:
            barrier.wait()
            services.transfer_record(
                transfer=transfer, received_on=timezone.localdate(), by=treasurer
            )
        except Exception as error:  # collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(t,)) for t in transfers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    year = timezone.localdate().year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        f"OUV-{year}-{n:05d}" for n in range(1, 9)
    ]


def test_future_receipt_is_refused(treasurer):
    transfer = services.transfer_request(member=ExpertFactory())
    with pytest.raises(Refusal):
        services.transfer_record(
            transfer=transfer,
            received_on=timezone.localdate() + dt.timedelta(days=2),
            by=treasurer,
        )


def test_transfer_works_while_stripe_is_unreachable(client, stripe_unreachable):
    expert = ExpertFactory()
    client.force_login(expert.user)
    response = client.post("/billing/transfer/", follow=True)
    assert response.status_code == 200
    assert BankTransfer.objects.get().reference in response.content.decode()
