"""Result: what came in, what went out, and the surplus or deficit, per month."""

from .base import Figure

RESULT = Figure(
    key="result.monthly",
    family="result",
    version=1,
    title={"fr": "Résultat du mois", "en": "Monthly result"},
    definition={
        "fr": (
            "Cotisations reçues, moins les frais de Stripe, moins les remboursements, "
            "moins les dépenses approuvées : le total est l'excédent (positif) ou le "
            "déficit (négatif) du mois, égal à la variation de trésorerie au centime "
            "près. L'affectation de l'excédent (réserves, baisse des cotisations) est "
            "décidée par motion et publiée avec elle. Centimes d'euro, sans arrondi."
        ),
        "en": (
            "Membership income, less Stripe's fees, less refunds, less approved costs: "
            "the total is the month's surplus (positive) or deficit (negative), equal to "
            "the change in cash to the cent. Where a surplus goes (reserves, lower fees) "
            "is decided by motion and published with it. Euro cents, not rounded."
        ),
    },
    unit="cents",
    cells=("income", "stripe_fees", "refunds", "costs"),
)

FIGURES = (RESULT,)
