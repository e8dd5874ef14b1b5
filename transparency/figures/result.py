"""Result: what came in, what went out, and the surplus or deficit, per month."""

from .base import Figure

RESULT = Figure(
    key="result.monthly",
    family="result",
    version=2,
    title={"fr": "Résultat du mois", "en": "Monthly result"},
    definition={
        "fr": (
            "Cotisations reçues, moins les frais de Stripe, moins les remboursements, "
            "moins les dépenses approuvées : le total est l'excédent (positif) ou le "
            "déficit (négatif) du mois, égal à la variation de trésorerie au centime "
            "près. Centimes d'euro, sans arrondi. Affectation de l'excédent et budget "
            "voté\u00a0: aucun budget voté pour la période (les motions ne portent ni "
            "budget ni affectation chiffrée que l'on puisse lire\u00a0; quand elles en "
            "porteront, ils seront publiés ici)."
        ),
        "en": (
            "Membership income, less Stripe's fees, less refunds, less approved costs: "
            "the total is the month's surplus (positive) or deficit (negative), equal to "
            "the change in cash to the cent. Euro cents, not rounded. Where the surplus "
            "went and the voted budget: no budget voted for the period (motions carry "
            "no budget or allocation in figures that can be read; once they do, they "
            "will be published here)."
        ),
    },
    unit="cents",
    cells=("income", "stripe_fees", "refunds", "costs"),
    history=(
        (
            1,
            {
                "fr": "Annonçait l'affectation de l'excédent sans la publier.",
                "en": "Announced where the surplus goes without publishing it.",
            },
        ),
    ),
)

FIGURES = (RESULT,)
