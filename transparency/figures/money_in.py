"""Money in: membership income, Stripe's fees and refunds, per month."""

from .base import Figure

MEMBERSHIPS = Figure(
    key="income.memberships",
    family="money_in",
    version=1,
    title={"fr": "Cotisations reçues", "en": "Membership income"},
    definition={
        "fr": (
            "Somme des paiements de cotisation inscrits au grand livre pendant le mois, "
            "par communauté (entreprises, experts) et par voie de paiement (carte, "
            "virement). Comptés : les paiements reçus, à leur date de réception. Non "
            "comptés : les frais de Stripe et les remboursements (figures à part), les "
            "adhésions offertes. Montants en centimes d'euro, sans arrondi ; les parts "
            "sont arrondies au dixième de point par la méthode du plus fort reste, si "
            "bien qu'elles font toujours 100 %."
        ),
        "en": (
            "Sum of the membership payments entered in the ledger during the month, by "
            "community (companies, experts) and payment route (card, transfer). "
            "Counted: payments received, on the day they were received. Not counted: "
            "Stripe's fees and refunds (separate figures), granted memberships. Amounts "
            "in euro cents, not rounded; shares are rounded to a tenth of a point by the "
            "largest remainder method, so they always add up to 100 %."
        ),
    },
    unit="cents",
    protected=True,
    shares=True,
    cells=("company/stripe", "company/transfer", "expert/stripe", "expert/transfer"),
)

STRIPE_FEES = Figure(
    key="income.stripe_fees",
    family="money_in",
    version=1,
    title={"fr": "Frais de paiement par carte", "en": "Card payment fees"},
    definition={
        "fr": (
            "Ce que Stripe a retenu sur les paiements par carte du mois, tel que le grand "
            "livre l'enregistre (en négatif). Les virements ne coûtent rien à la "
            "coopérative et n'apparaissent pas. Centimes d'euro, sans arrondi."
        ),
        "en": (
            "What Stripe kept on the month's card payments, as the ledger records it "
            "(negative). Bank transfers cost the cooperative nothing and do not appear. "
            "Euro cents, not rounded."
        ),
    },
    unit="cents",
    cells=("stripe",),
)

REFUNDS = Figure(
    key="income.refunds",
    family="money_in",
    version=1,
    title={"fr": "Remboursements", "en": "Refunds"},
    definition={
        "fr": (
            "Cotisations rendues à des membres pendant le mois (en négatif), par "
            "communauté. Un mois où moins de trois membres ont été remboursés n'est pas "
            "publié en détail. Centimes d'euro, sans arrondi."
        ),
        "en": (
            "Membership fees given back to members during the month (negative), by "
            "community. A month with fewer than three refunded members is not published "
            "in detail. Euro cents, not rounded."
        ),
    },
    unit="cents",
    protected=True,
    cells=("company", "expert"),
)

FIGURES = (MEMBERSHIPS, STRIPE_FEES, REFUNDS)
