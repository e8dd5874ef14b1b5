from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.form_fields import DateField, EuroField

from .models import Plan


class CheckoutForm(forms.Form):
    interval = forms.ChoiceField(
        label=_("Pay"),
        choices=Plan.Interval.choices,
        initial=Plan.Interval.YEAR,
        widget=forms.RadioSelect,
    )


class TransferRecordForm(forms.Form):
    received_on = DateField(label=_("Received on"), initial=timezone.localdate)
    amount = EuroField(label=_("Amount received (€)"))

    def amount_cents(self) -> int:
        return self.cleaned_data["amount"]
