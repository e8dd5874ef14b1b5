"""Governance: motions by state, turnout per college, rule changes enacted."""

from .base import Figure

STATES = ("deliberation", "voting", "adopted", "rejected", "withdrawn")
COLLEGES = ("companies", "experts", "founders")

MOTIONS = Figure(
    key="governance.motions",
    family="governance",
    version=2,
    title={"fr": "Motions par état", "en": "Motions by state"},
    definition={
        "fr": (
            "Nombre de motions soumises aux membres, le mois de leur soumission, selon "
            "leur état à la fin de la période (en débat, au vote, adoptée, rejetée, "
            "retirée). Non comptés : les brouillons, que seul leur auteur a écrits."
        ),
        "en": (
            "Number of motions put to the members, in the month they were submitted, by "
            "their state at the end of the period (in debate, voting, adopted, rejected, "
            "withdrawn). Not counted: drafts, written by their author alone."
        ),
    },
    unit="count",
    cells=STATES,
    history=(
        (
            1,
            {
                "fr": "Comptait l'état actuel de chaque motion : un mois scellé "
                "n'était pas reproductible après un changement d'état.",
                "en": "Counted each motion's current state: a sealed month could "
                "not be reproduced after a state change.",
            },
        ),
    ),
)


def _turnout(figure, rows, thresholds):
    result = {}
    for month in sorted({row["month"] for row in rows}):
        sums = {}
        for r in rows:
            if r["month"] == month:
                sums[r["cell"]] = sums.get(r["cell"], 0) + int(r["value"])
        cells = {}
        for college in COLLEGES:
            electorate = sums.get(college + ":electorate", 0)
            voters = sums.get(college + ":voters", 0)
            cells[college] = voters * 10000 // electorate if electorate else None
        cells["quorum_met"] = sums.get("quorum:met", 0)
        cells["quorum_missed"] = sums.get("quorum:missed", 0)
        result[month] = {"cells": cells, "total": None}
    return {"months": result, "total": None}


TURNOUT = Figure(
    key="governance.turnout",
    family="governance",
    version=1,
    title={"fr": "Participation aux votes", "en": "Turnout"},
    definition={
        "fr": (
            "Pour les votes clos dans le mois : la part des votants inscrits de chaque "
            "collège qui ont voté (abstention comprise), en points de base (1 % = 100), "
            "arrondie à l'inférieur, et le nombre de votes dont le quorum a été atteint "
            "ou manqué. Chaque chiffre vient du dépouillement publié du vote, que "
            "chacun peut recompter."
        ),
        "en": (
            "For the votes closed in the month: the share of each college's registered "
            "voters who voted (abstaining counts), in basis points (1 % = 100), rounded "
            "down, and how many votes met or missed their quorum. Every number comes "
            "from the vote's published tally, which anyone can recount."
        ),
    },
    unit="basis_points",
    compute=_turnout,
    cells=(*COLLEGES, "quorum_met", "quorum_missed"),
)

RULE_CHANGES = Figure(
    key="governance.rule_changes",
    family="governance",
    version=1,
    title={"fr": "Règles changées par vote", "en": "Rules changed by vote"},
    definition={
        "fr": (
            "Nombre de valeurs de règles entrées en vigueur dans le mois à la suite "
            "d'une motion adoptée (une motion peut en changer plusieurs). Non comptées : "
            "les valeurs par défaut écrites dans le code."
        ),
        "en": (
            "Number of rule values that took effect in the month after an adopted "
            "motion (one motion may change several). Not counted: the defaults written "
            "in the code."
        ),
    },
    unit="count",
    cells=("enacted",),
)

FIGURES = (MOTIONS, TURNOUT, RULE_CHANGES)
