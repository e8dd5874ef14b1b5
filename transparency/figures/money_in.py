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

BY_PLAN = Figure(
    key="income.by_plan",
    family="money_in",
    version=1,
    title={"fr": "Cotisations par formule", "en": "Membership income by plan"},
    definition={
        "fr": (
            "Les mêmes paiements de cotisation que «\u00a0Cotisations reçues\u00a0», par "
            "communauté et par formule (annuelle, mensuelle). La formule est lue dans "
            "la facturation : l'abonnement du membre quand il en a un, sinon la "
            "formule dont le prix est celui de la facture (un virement est toujours "
            "annuel). Un paiement dont la formule est introuvable est compté à part. "
            "Centimes d'euro, sans arrondi\u00a0; parts au dixième de point par la méthode "
            "du plus fort reste."
        ),
        "en": (
            'The same membership payments as "Membership income", by community and '
            "by plan (yearly, monthly). The plan is read from billing: the member's "
            "subscription when there is one, else the plan whose price is the "
            "invoice's (a bank transfer is always yearly). A payment whose plan cannot "
            "be found is counted apart. Euro cents, not rounded; shares to a tenth of "
            "a point by the largest remainder method."
        ),
    },
    unit="cents",
    protected=True,
    shares=True,
    cells=("company/year", "company/month", "expert/year", "expert/month"),
)

FIGURES = (MEMBERSHIPS, BY_PLAN, STRIPE_FEES, REFUNDS)
