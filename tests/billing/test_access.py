"""The membership gate: decorator and DRF permission, reasons and payment link."""

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from billing.access import HasActiveMembership, require_active_membership
from core.templatetags.ui import format_when
from tests.factories import CompanyMemberFactory, ExpertFactory, MembershipFactory, paid

pytestmark = pytest.mark.django_db


@require_active_membership
def publish(request):
    return HttpResponse("published")


class Publish(APIView):
    permission_classes = [HasActiveMembership]

    def post(self, request):
        return HttpResponse("published")


def _call(view, user):
    request = RequestFactory().post("/publish/")
    request.user = user
    from django.contrib.messages.storage.fallback import FallbackStorage

    request.session = {}
    request._messages = FallbackStorage(request)
    return view(request)


def test_active_member_passes():
    response = _call(publish, paid(ExpertFactory()).user)
    assert (response.status_code, response.content) == (200, b"published")


def test_member_without_membership_is_told_why_and_where_to_pay():
    response = _call(publish, ExpertFactory().user)
    assert response.status_code == 403
    page = response.content.decode()
    assert 'href="/billing/"' in page


def test_expired_membership_says_when_it_ended():
    expert = ExpertFactory()
    ended = timezone.localdate() - dt.timedelta(days=3)
    MembershipFactory(
        member=expert, starts_on=ended - dt.timedelta(days=365), ends_on=ended
    )
    response = _call(publish, expert.user)
    assert response.status_code == 403
    page = response.content.decode()
    day = format_when(ended)
    assert day in page and 'href="/billing/"' in page


def test_company_member_is_covered_by_the_organization():
    owner = paid(CompanyMemberFactory())
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    response = _call(publish, colleague.user)
    assert (response.status_code, response.content) == (200, b"published")


def test_api_refuses_with_the_shared_error_shape():
    expert = ExpertFactory()
    request = APIRequestFactory().post("/api/publish/")
    force_authenticate(request, user=expert.user)
    response = Publish.as_view()(request)
    assert response.status_code == 403
    assert response.data["error"]["code"] == "membership_required"
    assert "/billing/" in response.data["error"]["detail"]


def test_api_reads_stay_open():
    request = APIRequestFactory().get("/api/publish/")
    force_authenticate(request, user=ExpertFactory().user)
    assert HasActiveMembership().has_permission(request, None)


def test_billing_page_stays_open_to_unpaid_members(client):
    expert = ExpertFactory()
    client.force_login(expert.user)
    assert client.get("/billing/").status_code == 200


def test_membership_api(client):
    expert = paid(ExpertFactory())
    client.force_login(expert.user)
    response = client.get("/api/billing/membership/")
    assert response.status_code == 200
    assert response.json()["active"] is True


def test_gate_at_get_says_what_membership_costs_and_how_to_get_it(settings):
    settings.STRIPE_SECRET_KEY = ""
    expert = ExpertFactory()
    request = RequestFactory().get("/publish/")
    request.user = expert.user
    response = publish(request)
    assert response.status_code == 403
    page = response.content.decode()
    # the yearly fee of the rules, in euros, and the transfer path offered
    assert "120,00" in page or "120.00" in page
    assert 'id="pay-by-transfer"' in page and 'action="/billing/transfer/"' in page
    # without Stripe the card is shown as unavailable, with the reason
    assert 'id="card-unavailable"' in page and 'id="pay-by-card"' not in page


def test_gate_offers_the_card_when_stripe_is_configured(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    request = RequestFactory().get("/publish/")
    request.user = ExpertFactory().user
    page = publish(request).content.decode()
    assert 'id="pay-by-card"' in page and 'id="card-unavailable"' not in page


def test_company_colleague_is_told_the_owners_pay():
    owner = CompanyMemberFactory()
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    request = RequestFactory().get("/publish/")
    request.user = colleague.user
    page = publish(request).content.decode()
    # the fees are shown, but paying is for the organization's owners
    assert 'id="membership-fees"' in page and 'id="pay-by-transfer"' not in page
