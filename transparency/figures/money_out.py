"""Money out: the platform's costs, approved by a second treasurer."""

from .base import Figure

CATEGORIES = ("hosting", "staff", "payment_fees", "legal_tax", "other")

COSTS = Figure(
    key="costs.by_category",
    family="money_out",
    version=1,
    title={"fr": "Dépenses de la plateforme", "en": "Platform costs"},
    definition={
        "fr": (
            "Dépenses de la coopérative pour faire tourner la plateforme, par catégorie "
            "(hébergement, salaires, frais de paiement, juridique et fiscal, autres), à "
            "la date de la pièce. Comptées : les dépenses saisies par un trésorier avec "
            "leur justificatif et approuvées par un autre trésorier ; une correction est "
            "une écriture inverse, comptée le mois où elle est faite. Non comptées : les "
            "dépenses en attente d'approbation, les frais de Stripe (voir les recettes). "
            "Centimes d'euro ; parts au dixième de point, méthode du plus fort reste."
        ),
        "en": (
            "What the cooperative spent to run the platform, by category (hosting, "
            "staff, payment fees, legal and tax, other), on the receipt's date. Counted: "
            "costs entered by a treasurer with their receipt and approved by another "
            "treasurer; a correction is a reversing entry, counted in the month it is "
            "made. Not counted: costs awaiting approval, Stripe's fees (see income). Euro "
            "cents; shares to a tenth of a point, largest remainder method."
        ),
    },
    unit="cents",
    shares=True,
    cells=CATEGORIES,
)

FIGURES = (COSTS,)
