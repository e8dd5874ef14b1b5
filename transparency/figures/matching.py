"""Matching and platform work: the weights of the ranking in force each month."""

from .base import Figure

PARTS = ("skills", "appetence", "availability", "rate", "language", "location")

WEIGHTS = Figure(
    key="matching.weights",
    family="matching",
    version=1,
    title={"fr": "Poids du classement", "en": "Ranking weights"},
    definition={
        "fr": (
            "Le poids de chaque critère dans le score qui classe les experts pour un "
            "besoin (et les besoins pour un expert), en pour cent, tel qu'en vigueur le "
            "dernier jour du mois. Les membres changent ces poids par vote ; la page "
            "« Comment fonctionne la mise en relation » explique chaque critère. Les "
            "poids sont des entiers qui font 100."
        ),
        "en": (
            "The weight of each criterion in the score that ranks experts for a need "
            "(and needs for an expert), in percent, as in force on the month's last "
            "day. Members change these weights by vote; the page on how matching works "
            "explains each criterion. Weights are whole numbers adding up to 100."
        ),
    },
    unit="percent",
    cells=PARTS,
)

FIGURES = (WEIGHTS,)
