"""The machine-text check: what it catches and what it must let pass."""

import pytest

from tests.pages.machine_text import check_html, find_machine_text, visible_text


def kinds(text: str, **options) -> list[str]:
    return [finding.kind for finding in find_machine_text(text, **options)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Règle : fees.expert.yearly_cents", "dotted-key"),
        ("need.created : \u2013 → draft", "dotted-key"),
        ("Indicateur suivi : voters.experts", "dotted-key"),
        ("need.created : \u2013 → draft", "state-arrow"),
        ("Passée de published -> closed", "state-arrow"),
        ("changes_requested → delivered", "state-arrow"),
        ("Délai : auto_accept_days", "snake-case"),
        ("État CHANGES_REQUESTED", "snake-case"),
        ("draft", "raw-value"),
        ("État : published", "raw-value"),
        ("Status: changes_requested", "raw-value"),
        ("Langues : fr, en", "iso-code"),
        ("Languages: fr", "iso-code"),
        ("Pays : FR", "iso-code"),
        ("Cotisation : 120.00 EUR", "iso-code"),
        ("None", "python-value"),
        ("Disponible : True", "python-value"),
        ("Pseudonyme : False", "python-value"),
        ("Profil 0191a3c2-7d4e-7b1a-9c3e-5f2a1b0c9d8e", "uuid"),
        ("Envoyé le 2026-11-30T12:00:00+00:00", "iso-timestamp"),
        ("Bonjour {{ member.display_name }}", "template"),
        ("%(count)s messages", "template"),
        ("read up to message 0", "read-up-to"),
        ("Lu jusqu'au message 12", "read-up-to"),
    ],
)
def test_machine_pattern_is_found(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Écrivez à camille@demo.ouvrage.coop ou à bonjour@ouvrage.coop.",
        "Voir https://camille.example.org/portfolio_2024/index.html",
        "Site : www.ouvrage.coop",
        "Pièce jointe : rapport.pdf (12 Ko)",
        "rapport_final_v2.pdf",
        "Données ouvertes : ballots.json",
        "Taux horaire : 1,5 jour",
        "Version 5.2.1 (Django 5.2)",
        "Python 3.11, v1.2",
        "Rendez-vous à 10:30, le 30/11/2026",
        "Le 30 novembre 2026 à 14 h 05",
        "Cotisation : 120,00 €",
        "Membership: €1,234.50",
        "Référence OUV-2026-0001",
        "Code de reçu : CAMI-LLE2-DEMO-VOTE",
        "p. ex. une étude, c.-à-d. un rapport, e.g. a report",
        "Brouillon → Publié",
        "Draft → Published",
        "Adhésion : active",
        "None of your needs has a proposal yet.",
        "True to its word, the cooperative takes no commission.",
        "Langues : français, anglais",
        "Pays : France",
        "Statut : Publié",
        "Lien : /missions/needs/",
        "Fin de la phrase.Suite",
        "Menuiseries Rivière \u2013 Nantes",
    ],
)
def test_human_text_passes(text):
    assert find_machine_text(text) == []


def test_raw_values_can_be_given_by_the_caller():
    assert kinds("awaiting_review", raw_values={"awaiting_review"}) == [
        "snake-case",
        "raw-value",
    ]
    assert kinds("shipped", raw_values={"shipped"}) == ["raw-value"]
    assert kinds("shipped") == []


def test_visible_text_skips_scripts_styles_hidden_elements_and_attributes():
    html = """<!doctype html><html lang="fr"><head><title>Besoin \u2013 Ouvrage</title>
    <style>.need_state { color: red }</style>
    <script>const key = "fees.expert.yearly_cents";</script></head>
    <body><main data-state="draft" class="need_detail">
    <h1 aria-label="need.created">Audit énergétique</h1>
    <p hidden>auto_accept_days</p>
    <div style="display: none">changes_requested</div>
    <input type="hidden" name="state" value="draft">
    <template><p>{{ x }}</p></template>
    <p>Deux sites<br>120 salariés</p><ul><li>un</li><li>deux</li></ul>
    <select><option value="fr">Français</option></select>
    </main></body></html>"""
    text = visible_text(html)
    assert text.splitlines() == [
        "Besoin \u2013 Ouvrage",
        "Audit énergétique",
        "Deux sites",
        "120 salariés",
        "un",
        "deux",
        "Français",
    ]
    assert check_html(html) == []


def test_block_elements_do_not_glue_words_and_inline_ones_do_not_split_them():
    html = "<p><strong>rapport</strong>.pdf</p><td>fees</td><td>expert</td>"
    assert visible_text(html).splitlines() == ["rapport.pdf", "fees", "expert"]


def test_a_badge_with_a_raw_state_is_found_in_html():
    html = '<p>État : <span class="badge">draft</span></p><p>need.created</p>'
    found = check_html(html)
    assert [(f.kind, f.match) for f in found] == [
        ("raw-value", "draft"),
        ("dotted-key", "need.created"),
    ]
    assert "need.created" in str(found[1])


def test_non_breaking_spaces_count_as_spaces():
    assert kinds("État\u00a0: draft") == ["raw-value"]
    assert find_machine_text("120,00\u00a0€") == []


def test_raw_values_are_looked_for_on_pages_not_in_english():
    assert kinds("État : draft", language="fr") == ["raw-value"]
    assert kinds("Work mode: remote", language="en", raw_values={"remote"}) == []
    assert kinds("Rule: fees.expert.yearly_cents", language="en") == [
        "dotted-key",
        "snake-case",
    ]
