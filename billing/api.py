"""REST API of billing: a member's membership and invoices (read-only)."""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from marketplace.accounts import access_member

from . import selectors
from .models import Invoice


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
    return Response(
        selectors.membership_status(access_member(request, refuse=NotFound)).as_dict()
    )


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
        return selectors.member_invoices(access_member(self.request, refuse=NotFound))


urlpatterns = [
    path("billing/membership/", membership, name="billing-membership"),
    path("billing/invoices/", InvoiceList.as_view(), name="billing-invoices"),
]
