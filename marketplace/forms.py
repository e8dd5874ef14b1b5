"""Forms shared across the marketplace: sign-up and e-mail preferences (account
pages), and the small ones several pages use (an image, an e-mail address)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Member
from .services import member_create


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup()` once the user exists."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    community = forms.ChoiceField(
        label=_("I join as"),
        choices=Member.Community.choices,
        widget=forms.RadioSelect,
    )
    organization_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        help_text=_("Companies only: the organization you act for."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("community") == Member.Community.COMPANY
            and not (data.get("organization_name") or "").strip()
        ):
            self.add_error("organization_name", _("Give the name of your company."))
        return data

    def signup(self, request, user):
        member_create(
            email=user.email,
            password=None,
            user=user,
            display_name=self.cleaned_data["display_name"],
            community=self.cleaned_data["community"],
            organization_name=self.cleaned_data.get("organization_name", ""),
            language=(getattr(request, "LANGUAGE_CODE", "fr") or "fr")[:2],
        )


class EmailPreferencesForm(forms.Form):
    def __init__(self, *args, kinds, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label, required=False, initial=current.get(kind.key)
            )


class ImageForm(forms.Form):
    # a FileField, not an ImageField: the service checks and re-encodes the image
    image = forms.FileField(label=_("Image (JPEG, PNG or WebP, 2 MB at most)"))


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
