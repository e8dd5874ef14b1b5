from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Plan


class CheckoutForm(forms.Form):
    interval = forms.ChoiceField(
        label=_("Pay"),
        choices=Plan.Interval.choices,
        initial=Plan.Interval.YEAR,
        widget=forms.RadioSelect,
    )


class TransferRecordForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    amount = forms.DecimalField(
        label=_("Amount received (€)"),
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        localize=True,
    )

    def amount_cents(self) -> int:
        return int(self.cleaned_data["amount"] * 100)
