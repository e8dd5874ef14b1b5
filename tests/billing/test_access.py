"""The membership gate: decorator and DRF permission, reasons and payment link."""

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from billing.access import HasActiveMembership, require_active_membership
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
    assert ended.strftime("%d/%m/%Y") in page and 'href="/billing/"' in page


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
