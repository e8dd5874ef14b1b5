"""Value between members: mission value, invoices, payment delays, earnings, and
the platform's share of it (computed, and 0 by construction)."""

from .base import (
    Figure,
    percentile,
    redact_thin_months,
    thin_months,
)

_ROUNDING = {
    "fr": "Centimes d'euro ; parts au dixième de point, méthode du plus fort reste.",
    "en": "Euro cents; shares to a tenth of a point, largest remainder method.",
}
_SMALL = {
    "fr": (
        " Une case qui repose sur moins de trois membres, ou dont un seul membre fait "
        "plus de 85 %, est masquée, ainsi qu'assez d'autres cases pour qu'on ne puisse "
        "pas la retrouver par différence."
    ),
    "en": (
        " A cell resting on fewer than three members, or where one member makes more "
        "than 85 %, is hidden, with enough other cells that it cannot be found by "
        "subtraction."
    ),
}


def _text(fr, en, *, small=True):
    return {
        "fr": fr + (_SMALL["fr"] if small else "") + " " + _ROUNDING["fr"],
        "en": en + (_SMALL["en"] if small else "") + " " + _ROUNDING["en"],
    }


CONTRACTED = Figure(
    key="value.contracted",
    family="value",
    version=1,
    title={"fr": "Valeur des missions engagées", "en": "Value of missions contracted"},
    definition=_text(
        "Valeur convenue des missions confirmées par l'expert, le mois de leur "
        "démarrage, par famille de compétences (celle de la compétence la plus "
        "importante du besoin). Non comptées : les missions attribuées mais pas "
        "confirmées, les missions annulées avant de démarrer.",
        "Agreed value of the missions the expert confirmed, in the month they "
        "started, by skill family (that of the need's heaviest skill). Not counted: "
        "missions awarded but not confirmed, missions cancelled before they started.",
    ),
    unit="cents",
    protected=True,
    shares=True,
)

INVOICED = Figure(
    key="value.invoiced",
    family="value",
    version=1,
    title={"fr": "Valeur facturée (déclarée)", "en": "Value invoiced (declared)"},
    definition=_text(
        "Montant des factures que les experts ont déclaré avoir envoyées directement "
        "aux entreprises, le mois de la facture, par famille de compétences. La "
        "plateforme ne voit pas passer cet argent : ce sont des déclarations.",
        "Amount of the invoices experts declared they sent the companies directly, in "
        "the invoice's month, by skill family. The platform never handles this money: "
        "these are declarations.",
    ),
    unit="cents",
    protected=True,
    shares=True,
)

PAID = Figure(
    key="value.paid",
    family="value",
    version=1,
    title={"fr": "Valeur payée (confirmée)", "en": "Value paid (confirmed)"},
    definition=_text(
        "Montant des factures dont l'entreprise a confirmé le paiement, le mois du "
        "paiement, par famille de compétences.",
        "Amount of the invoices whose payment the company confirmed, in the month of "
        "payment, by skill family.",
    ),
    unit="cents",
    protected=True,
    shares=True,
)


def _platform_share(figure, rows, thresholds):
    published = _platform_share_rows(figure, rows, thresholds)
    hidden = thin_months(published)
    months = sorted({row["month"] for row in published})
    result = {}
    for month in months:
        here = [r for r in published if r["month"] == month and not r.get("suppressed")]
        tied = sum(int(r["value"]) for r in here if r["cell"] == "ledger_tied")
        value = sum(int(r["value"]) for r in here if r["cell"] == "mission_value")
        if tied == 0:
            share = 0  # nothing received: 0 whatever the missions are worth
        elif month in hidden or value == 0:
            share = None
        else:
            share = tied * 10000 // value
        result[month] = {"cells": {"ledger_tied": tied, "share": share}, "total": None}
    return {"months": result, "total": None}


def _platform_share_rows(figure, rows, thresholds):
    return redact_thin_months(figure, rows, thresholds, cell="mission_value")


PLATFORM_SHARE = Figure(
    key="value.platform_share",
    family="value",
    version=1,
    title={"fr": "Part de la plateforme", "en": "The platform's share"},
    definition={
        "fr": (
            "Ce que le grand livre de la coopérative a reçu en lien avec une mission "
            "(une écriture qui nomme une mission ou l'une de ses factures), divisé par "
            "la valeur des missions engagées le même mois, en points de base (1 % = 100). "
            "Calculé à partir des écritures et des missions, jamais saisi : la "
            "coopérative ne prend rien sur les missions, la part vaut donc 0 par "
            "construction, et ce calcul le prouve chaque mois. Arrondi à l'inférieur."
        ),
        "en": (
            "What the cooperative's ledger received in connection with a mission (an "
            "entry naming a mission or one of its invoices), divided by the value of "
            "the missions contracted in the same month, in basis points (1 % = 100). "
            "Computed from the entries and the missions, never typed: the cooperative "
            "takes nothing on missions, so the share is 0 by construction, and this "
            "computation proves it each month. Rounded down."
        ),
    },
    unit="basis_points",
    compute=_platform_share,
    redactor=_platform_share_rows,
)

DELAY_CELLS = (
    "median",
    "p90",
    "overdue_1_30",
    "overdue_31_60",
    "overdue_61_90",
    "overdue_90_plus",
    "disputed",
)


def _delays(figure, rows, thresholds):
    published = _delay_rows(figure, rows, thresholds)
    hidden = thin_months(published)
    result = {}
    for month in sorted({row["month"] for row in published}):
        here = [r for r in published if r["month"] == month and not r.get("suppressed")]
        paid = sorted(int(r["value"]) for r in here if r["cell"] == "paid")
        overdue = [int(r["value"]) for r in here if r["cell"] == "overdue"]
        cells = {
            "median": None if month in hidden else percentile(paid, 1, 2),
            "p90": None if month in hidden else percentile(paid, 9, 10),
            "overdue_1_30": sum(1 for d in overdue if 1 <= d <= 30),
            "overdue_31_60": sum(1 for d in overdue if 31 <= d <= 60),
            "overdue_61_90": sum(1 for d in overdue if 61 <= d <= 90),
            "overdue_90_plus": sum(1 for d in overdue if d > 90),
            "disputed": sum(1 for r in here if r["cell"] == "disputed"),
        }
        result[month] = {"cells": cells, "total": None}
    return {"months": result, "total": None}


def _delay_rows(figure, rows, thresholds):
    # the delays of a month's payments rest on its experts: count them, not days
    counted = [dict(row, value=1) if row["cell"] == "paid" else row for row in rows]
    redacted = redact_thin_months(figure, counted, thresholds, cell="paid")
    hidden = thin_months(redacted)
    return [
        row
        for row in rows
        if not (row["cell"] == "paid" and row["month"] in hidden)
        and not row.get("suppressed")
    ] + [row for row in redacted if row.get("suppressed")]


DELAYS = Figure(
    key="value.payment_delays",
    family="value",
    version=1,
    title={"fr": "Délais de paiement des factures", "en": "Invoice payment delays"},
    definition={
        "fr": (
            "Pour les factures payées dans le mois : le délai médian et le 90e centile "
            "entre la date de la facture et le paiement confirmé, en jours (rang le plus "
            "proche, sans arrondi). Pour les factures déclarées et non payées à la fin "
            "du mois : leur nombre par retard (1 à 30, 31 à 60, 61 à 90, plus de 90 "
            "jours), les missions en litige à part. Les délais d'un mois où moins de "
            "trois experts ont été payés ne sont pas publiés."
        ),
        "en": (
            "For the invoices paid in the month: the median delay and the 90th "
            "percentile between the invoice date and the confirmed payment, in days "
            "(nearest rank, not rounded). For invoices declared and unpaid at the end of "
            "the month: their number by delay (1 to 30, 31 to 60, 61 to 90, over 90 "
            "days), disputed missions apart. A month's delays are not published when "
            "fewer than three experts were paid."
        ),
    },
    unit="days",
    compute=_delays,
    redactor=_delay_rows,
    cells=DELAY_CELLS,
)


def _earnings(figure, rows, thresholds):
    published = redact_thin_months(figure, rows, thresholds)
    hidden = thin_months(published)
    result = {}
    for month in sorted({row["month"] for row in published}):
        by_expert = {}
        for r in published:
            if r["month"] == month and not r.get("suppressed"):
                who = r["contributor"]
                by_expert[who] = by_expert.get(who, 0) + int(r["value"])
        values = sorted(by_expert.values())
        if month in hidden or not values:
            cells = {"p10": None, "median": None, "p90": None, "top10_share": None}
        else:
            top = values[-(-len(values) // 10) :]  # the top 10 %, at least one
            cells = {
                "p10": percentile(values, 1, 10),
                "median": percentile(values, 1, 2),
                "p90": percentile(values, 9, 10),
                "top10_share": sum(top) * 1000 // sum(values),
            }
        result[month] = {"cells": cells, "total": None}
    return {"months": result, "total": None}


EARNINGS = Figure(
    key="value.earnings",
    family="value",
    version=1,
    title={
        "fr": "Répartition des revenus des experts",
        "en": "Spread of expert earnings",
    },
    definition={
        "fr": (
            "Ce que chaque expert a reçu dans le mois (factures dont le paiement est "
            "confirmé) : le 10e centile, la médiane et le 90e centile en centimes d'euro "
            "(rang le plus proche), et la part des 10 % d'experts les mieux payés dans "
            "le total, en dixièmes de point, arrondie à l'inférieur. Un mois où moins de "
            "trois experts ont été payés, ou où un seul fait plus de 85 %, n'est pas "
            "publié."
        ),
        "en": (
            "What each expert received in the month (invoices whose payment was "
            "confirmed): the 10th percentile, the median and the 90th percentile in euro "
            "cents (nearest rank), and the share of the best-paid 10 % of experts in the "
            "total, in tenths of a point, rounded down. A month where fewer than three "
            "experts were paid, or one makes more than 85 %, is not published."
        ),
    },
    unit="cents",
    compute=_earnings,
    redactor=lambda figure, rows, thresholds: redact_thin_months(
        figure, rows, thresholds
    ),
    cells=("p10", "median", "p90", "top10_share"),
)

FIGURES = (CONTRACTED, INVOICED, PAID, PLATFORM_SHARE, DELAYS, EARNINGS)
