"""REST API of billing: a member's membership and invoices (read-only)."""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from marketplace.selectors import member_for_user

from . import selectors
from .models import Invoice


def _member(request):
    member = member_for_user(request.user)
    if member is None:
        raise NotFound
    return member


@extend_schema(
    responses=inline_serializer(
        "MembershipStatus",
        {
            "active": serializers.BooleanField(),
            "until": serializers.DateField(allow_null=True),
            "source": serializers.CharField(),
            "grace": serializers.BooleanField(),
            "ended_on": serializers.DateField(allow_null=True),
        },
    )
)
@api_view(["GET"])
def membership(request):
    """Whether the signed-in member's membership is active, and until when."""
    return Response(selectors.membership_status(_member(request)).as_dict())


class InvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "source",
            "status",
            "amount_cents",
            "currency",
            "period_start",
            "period_end",
            "issued_on",
            "paid_at",
            "download_url",
        ]

    download_url = serializers.SerializerMethodField()

    def get_download_url(self, invoice) -> str:
        return f"/billing/invoices/{invoice.pk}/"


class InvoiceList(generics.ListAPIView):
    """The signed-in member's invoices (their organization's for a company member)."""

    serializer_class = InvoiceSerializer

    def get_queryset(self):
        return selectors.member_invoices(_member(self.request))


urlpatterns = [
    path("billing/membership/", membership, name="billing-membership"),
    path("billing/invoices/", InvoiceList.as_view(), name="billing-invoices"),
]
