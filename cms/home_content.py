"""The first text of the home page, in French and English (editable in /cms-admin/)."""

INTRO_FR = (
    "Ouvrage met en relation les entreprises et les experts qui leur conviennent. "
    "La plateforme vit des seules cotisations annuelles de ses deux communautés, ne prend "
    "aucune commission sur les missions, et ses membres votent ses règles."
)
INTRO_EN = (
    "Ouvrage matches companies with the experts who fit their needs. The platform lives "
    "only on the yearly fees of its two communities, takes no commission on missions, and "
    "its members vote on its rules."
)


def _pillars(items):
    return [
        {"type": "heading", "value": {"text": items[0]}},
        {
            "type": "pillars",
            "value": [{"title": title, "text": text} for title, text in items[1:]],
        },
    ]


BODY_FR = _pillars(
    [
        "Nos engagements",
        (
            "Zéro commission",
            "Vous facturez directement votre client. Nous ne touchons rien.",
        ),
        (
            "Des règles votées",
            "Cotisations, pondérations du matching, délais : tout se vote.",
        ),
        ("Confidentialité", "Profil sous pseudonyme, échanges privés, réseau fermé."),
        ("Transparence", "Chaque euro reçu et dépensé est publié."),
    ]
)
BODY_EN = _pillars(
    [
        "What we promise",
        ("No commission", "You invoice your client directly. We take nothing."),
        (
            "Rules you vote on",
            "Fees, matching weights, deadlines: members vote on all of it.",
        ),
        ("Privacy", "Pseudonymous profiles, private exchanges, a closed network."),
        ("Transparency", "Every euro received and spent is published."),
    ]
)
