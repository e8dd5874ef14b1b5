"""State labels agree with their noun in French (une mission active, un besoin
publié, une proposition envoyée, une étape livrée) and start with a capital in
both languages, whichever app's catalogue has the same English word."""

import pytest
from django.utils import translation

from core.templatetags.ui import state_badge
from missions.models import Dispute, Milestone, Mission, Need, Proposal

FRENCH = {
    Mission: {
        "awarded": "Attribuée",
        "active": "Active",
        "delivered": "Livrée",
        "changes_requested": "Modifications demandées",
        "completed": "Terminée",
        "cancelled": "Annulée",
        "disputed": "En litige",
    },
    Need: {
        "draft": "Brouillon",
        "published": "Publié",
        "closed": "Clos",
        "awarded": "Attribué",
        "cancelled": "Annulé",
        "expired": "Expiré",
    },
    Proposal: {
        "submitted": "Envoyée",
        "shortlisted": "Présélectionnée",
        "accepted": "Acceptée",
        "declined": "Déclinée",
        "withdrawn": "Retirée",
    },
    Milestone: {
        "open": "En cours",
        "delivered": "Livrée",
        "changes_requested": "Modifications demandées",
        "accepted": "Acceptée",
    },
    Dispute: {
        "opened": "Ouvert",
        "answered": "Réponse reçue",
        "proposed": "Résolution proposée",
        "resolved": "Résolu",
        "decided": "Tranché",
    },
}


@pytest.mark.parametrize("model", list(FRENCH), ids=lambda model: model.__name__)
def test_french_state_labels_agree_with_their_noun(model):
    with translation.override("fr"):
        labels = {value: str(label) for value, label in model.State.choices}
    assert labels == FRENCH[model]


@pytest.mark.parametrize("model", list(FRENCH), ids=lambda model: model.__name__)
def test_english_state_labels_start_with_a_capital(model):
    with translation.override("en"):
        for _value, label in model.State.choices:
            assert str(label)[0].isupper(), label


def test_an_active_mission_is_shown_as_active_not_actif():
    with translation.override("fr"):
        badge = state_badge(Mission(state=Mission.State.ACTIVE))
    assert ">Active</span>" in badge
