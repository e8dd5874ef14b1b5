"""Invoices in the API: declared on a mission; the company confirms the payment here."""

from django.http import Http404
from rest_framework import serializers, viewsets

from .. import actions, selectors
from ..models import Invoice
from .endpoints import add_actions


class MissionInvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        fields = ["id", "number", "amount_cents", "currency", "issued_on", "paid_on"]


class InvoiceViewSet(viewsets.GenericViewSet):
    """Invoices are declared on a mission; the company confirms the payment here."""

    serializer_class = MissionInvoiceSerializer
    queryset = Invoice.objects.none()

    def get_object(self):
        invoice = Invoice.objects.filter(pk=self.kwargs["pk"]).first()
        if invoice is None:
            raise Http404
        selectors.access_mission(user=self.request.user, mission_id=invoice.mission_id)
        return invoice


add_actions(InvoiceViewSet, actions.INVOICE_ACTIONS, MissionInvoiceSerializer)
