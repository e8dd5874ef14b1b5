"""Forms of the organization pages. They parse input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..form_fields import CountryField
from ..models import Organization


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.CharField(label=_("Sector"), max_length=120, required=False)
    size = forms.ChoiceField(
        label=_("Size"),
        choices=[("", _("Not said")), *Organization.Size.choices],
        required=False,
    )
    country = CountryField(label=_("Country"), initial="FR")
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea
    )


class InvitationAcceptForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
    )
