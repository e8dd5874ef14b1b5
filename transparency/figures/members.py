"""Members: who joined and who let their membership lapse, per month and community."""

from .base import Figure

MOVEMENTS = Figure(
    key="members.movements",
    family="members",
    version=1,
    title={"fr": "Membres arrivés et partis", "en": "Members joining and lapsing"},
    definition={
        "fr": (
            "Par communauté (entreprises, experts) : le nombre de nouveaux membres du "
            "mois (la première période d'adhésion d'un expert ou d'une organisation "
            "commence dans le mois) et le nombre d'adhésions échues (une période "
            "d'adhésion se termine dans le mois sans qu'une autre prenne le relais, "
            "et la date de fin est passée à la date des données). Une organisation "
            "compte pour un membre. Comptées : toutes les adhésions, payées ou "
            "offertes, enregistrées à la date des données."
        ),
        "en": (
            "By community (companies, experts): the number of new members in the "
            "month (the first membership period of an expert or organization starts "
            "in the month) and the number of lapsed memberships (a membership period "
            "ends in the month with no other one taking over, and the end date has "
            "passed on the data date). An organization counts as one member. Counted: "
            "every membership, paid or granted, recorded on the data date."
        ),
    },
    unit="count",
    cells=("company:new", "company:lapsed", "expert:new", "expert:lapsed"),
)

FIGURES = (MOVEMENTS,)
