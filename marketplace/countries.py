"""The countries the platform serves, by ISO 3166 code, with their names.

Django has no country list. We keep our own short one rather than adding
django-countries: names must be translated in our catalogue (django-countries
would need its own app in INSTALLED_APPS for its translations), and the
cooperative serves Europe and the French-speaking world, not 250 territories.
Add a country here (with its French name in marketplace/locale) when members
come from it; a stored code missing from the list still shows, as its code.
"""

import unicodedata

from django.utils.translation import gettext_lazy as _

COUNTRIES = {
    "FR": _("France"),
    "BE": _("Belgium"),
    "CH": _("Switzerland"),
    "LU": _("Luxembourg"),
    "MC": _("Monaco"),
    "DE": _("Germany"),
    "AT": _("Austria"),
    "BG": _("Bulgaria"),
    "HR": _("Croatia"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "FI": _("Finland"),
    "GR": _("Greece"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LV": _("Latvia"),
    "LT": _("Lithuania"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SK": _("Slovakia"),
    "SI": _("Slovenia"),
    "ES": _("Spain"),
    "SE": _("Sweden"),
    "NO": _("Norway"),
    "IS": _("Iceland"),
    "AD": _("Andorra"),
    "GB": _("United Kingdom"),
    "CA": _("Canada"),
    "US": _("United States"),
    "MA": _("Morocco"),
    "DZ": _("Algeria"),
    "TN": _("Tunisia"),
    "SN": _("Senegal"),
    "CI": _("Ivory Coast"),
    "CM": _("Cameroon"),
    "BJ": _("Benin"),
    "BF": _("Burkina Faso"),
    "ML": _("Mali"),
    "MG": _("Madagascar"),
    "MU": _("Mauritius"),
    "LB": _("Lebanon"),
}


def _sort_key(text: str) -> str:
    """Accents ignored when sorting: "Équateur" sorts with the E's."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def country_choices() -> list[tuple[str, str]]:
    """(code, name) sorted by name in the active language."""
    return sorted(
        ((code, str(name)) for code, name in COUNTRIES.items()),
        key=lambda choice: _sort_key(choice[1]).casefold(),
    )


def country_name(code: str) -> str:
    """The country's name in the active language (its code if unknown)."""
    code = (code or "").upper()
    return str(COUNTRIES[code]) if code in COUNTRIES else code
