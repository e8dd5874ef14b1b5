"""Forms shared across the marketplace: sign-up and e-mail preferences (account
pages), and the small ones several pages use (an image, an e-mail address)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Member
from .models.accounts import time_zone_names, validate_time_zone
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
        # marketplace/static/marketplace/signup.js shows it only for companies
        widget=forms.TextInput(
            attrs={
                "autocomplete": "organization",
                "data-only-for-community": Member.Community.COMPANY,
            }
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("community") != Member.Community.COMPANY:
            # an expert acts for no organization: a name typed anyway is ignored
            data["organization_name"] = ""
        elif not (data.get("organization_name") or "").strip():
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


# regions of the IANA database people live in (not "Etc/GMT+3" or "US/Eastern")
TIME_ZONE_REGIONS = (
    "Africa",
    "America",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


def time_zone_label(name: str) -> str:
    """ "Europe/Paris" -> "Paris (Europe)", "America/Argentina/Salta" -> "Salta
    (America, Argentina)": city first, as people look for it."""
    parts = name.replace("_", " ").split("/")
    return f"{parts[-1]} ({', '.join(parts[:-1])})" if len(parts) > 1 else parts[0]


def time_zone_choices() -> list[tuple[str, str]]:
    names = [
        name
        for name in time_zone_names()
        if name.split("/")[0] in TIME_ZONE_REGIONS and "/" in name
    ]
    choices = [(name, time_zone_label(name)) for name in names]
    return [
        *sorted(choices, key=lambda choice: choice[1]),
        ("UTC", _("Coordinated Universal Time (UTC)")),
    ]


class MemberSettingsForm(forms.Form):
    """The member's language and time zone (the settings page, with e-mails)."""

    language = forms.ChoiceField(
        label=_("Language of the pages and e-mails"),
        choices=Member._meta.get_field("language").choices,
        widget=forms.RadioSelect,
        required=False,
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Dates and times are shown in this time zone."),
        choices=time_zone_choices,
        widget=forms.Select(attrs={"data-picker": ""}),
        required=False,
    )

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"]
        if value:
            validate_time_zone(value)
        return value


class ImageForm(forms.Form):
    # a FileField, not an ImageField: the service checks and re-encodes the image
    image = forms.FileField(label=_("Image (JPEG, PNG or WebP, 2 MB at most)"))


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
