"""The ui template library: money, dates, days, icons and state badges in both languages."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core.templatetags import ui
from missions.models import Need

NBSP, NNBSP = "\u00a0", "\u202f"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (123450, f"1{NNBSP}234,50{NBSP}€"),
        (0, f"0,00{NBSP}€"),
        (5, f"0,05{NBSP}€"),
        (-123450, f"-1{NNBSP}234,50{NBSP}€"),
        (123456789012, f"1{NNBSP}234{NNBSP}567{NNBSP}890,12{NBSP}€"),
        (None, ""),
        ("", ""),
        ("abc", ""),
    ],
)
def test_money_in_french(french, cents, expected):
    assert ui.money(cents) == expected


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (123450, "€1,234.50"),
        (0, "€0.00"),
        (-123450, "-€1,234.50"),
        (123456789012, "€1,234,567,890.12"),
        (None, ""),
    ],
)
def test_money_in_english(english, cents, expected):
    assert ui.money(cents) == expected


def test_money_other_currencies(french, english):
    with translation.override("fr"):
        assert ui.money(1000, "usd") == f"10,00{NBSP}$"
        assert ui.money(1000, "CHF") == f"10,00{NBSP}CHF"
    assert ui.money(1000, "CHF") == f"CHF{NBSP}10.00"
    assert ui.money(1000, "GBP") == "£10.00"


def test_money_in_a_template(french):
    html = Template("{% load ui %}{{ amount|money }}").render(
        Context({"amount": 990_000})
    )
    assert html == f"9{NNBSP}900,00{NBSP}€"


MOMENT = dt.datetime(2026, 3, 12, 13, 5, tzinfo=dt.UTC)  # 14:05 in Paris


def test_when_in_french_uses_paris_time_and_words(french):
    with timezone.override(PARIS):
        assert ui.when(MOMENT) == f"12 mars 2026 à 14{NBSP}h{NBSP}05"


def test_when_in_english(english):
    with timezone.override(PARIS):
        assert ui.when(MOMENT) == "12 March 2026, 14:05"


def test_when_follows_the_active_time_zone(english):
    with timezone.override(zoneinfo.ZoneInfo("America/Montreal")):
        assert ui.when(MOMENT) == "12 March 2026, 09:05"


def test_when_first_of_the_month_in_french(french):
    first = dt.datetime(2026, 5, 1, 7, 0, tzinfo=dt.UTC)
    with timezone.override(PARIS):
        assert ui.when(first) == f"1er mai 2026 à 9{NBSP}h{NBSP}00"
        assert ui.when(first.date()) == "1er mai 2026"


def test_when_of_nothing_is_empty(french):
    assert ui.when(None) == "" and ui.when_short(None) == ""


def test_when_short_today_this_year_and_before(french):
    now = dt.datetime(2026, 3, 12, 18, 0, tzinfo=dt.UTC)
    with timezone.override(PARIS):
        assert ui.format_when_short(MOMENT, now=now) == f"14{NBSP}h{NBSP}05"
        earlier = MOMENT - dt.timedelta(days=30)
        assert ui.format_when_short(earlier, now=now) == "10 février"
        last_year = MOMENT - dt.timedelta(days=400)
        assert ui.format_when_short(last_year, now=now) == "5 février 2025"
    with translation.override("en"), timezone.override(PARIS):
        assert ui.format_when_short(MOMENT, now=now) == "14:05"
        assert ui.format_when_short(MOMENT - dt.timedelta(days=30), now=now) == (
            "10 February"
        )


@pytest.mark.parametrize(
    ("count", "french_text", "english_text"),
    [
        (0, f"0{NBSP}jour", "0 days"),
        (1, f"1{NBSP}jour", "1 day"),
        (2, f"2{NBSP}jours", "2 days"),
        (30, f"30{NBSP}jours", "30 days"),
        ("7", f"7{NBSP}jours", "7 days"),
    ],
)
def test_days_with_plural(count, french_text, english_text):
    with translation.override("fr"):
        assert ui.days(count) == french_text
    with translation.override("en"):
        assert ui.days(count) == english_text


def test_days_of_nothing_is_empty():
    assert ui.days(None) == "" and ui.days("many") == ""


def test_icon_is_decorative_svg_from_the_sprite():
    html = Template('{% load ui %}{% icon "chat" %}').render(Context())
    assert 'aria-hidden="true"' in html
    assert "bootstrap-icons.svg#chat" in html
    labelled = Template('{% load ui %}{% icon "bell" "Notifications" %}').render(
        Context()
    )
    assert 'role="img"' in labelled and 'aria-label="Notifications"' in labelled


def test_state_badge_of_a_model_uses_its_translated_label_and_tone(french):
    need = Need(state=Need.State.PUBLISHED)
    html = Template("{% load ui %}{% state_badge need %}").render(
        Context({"need": need})
    )
    assert "text-bg-primary" in html
    assert str(Need.State.PUBLISHED.label).capitalize()[:3] in html
    assert "published" not in html.split(">", 1)[1]  # no raw value shown


@pytest.mark.parametrize(
    ("state", "tone"),
    [
        ("draft", "secondary"),
        ("published", "primary"),
        ("open", "primary"),
        ("pending", "warning"),
        ("delivered", "warning"),
        ("accepted", "success"),
        ("adopted", "success"),
        ("completed", "success"),
        ("refused", "danger"),
        ("rejected", "danger"),
        ("cancelled", "danger"),
        ("disputed", "danger"),
    ],
)
def test_state_badge_tone_by_family(state, tone):
    html = ui.state_badge((state, "Libellé"))
    assert f"text-bg-{tone}" in html and "Libellé" in html


def test_state_badge_with_state_and_label_and_model_specific_tone():
    assert "text-bg-warning" in ui.state_badge("pending", "En attente")
    awarded = Need(state=Need.State.AWARDED)
    assert "text-bg-success" in ui.state_badge(awarded)


def test_state_badge_label_is_translated():
    need = Need(state=Need.State.DRAFT)
    with translation.override("en"):
        english_html = ui.state_badge(need)
    with translation.override("fr"):
        french_html = ui.state_badge(need)
    assert "Draft" in english_html and "Brouillon" in french_html


def test_state_badge_escapes_its_label():
    assert "&lt;b&gt;" in ui.state_badge(("draft", "<b>x</b>"))


def test_card_and_action_panel_render_their_bodies(english):
    html = Template(
        "{% load ui %}{% card title='Your account' icon='person' %}<p>Body</p>{% endcard %}"
        "{% action_panel %}<a class='btn btn-primary'>Go</a>{% danger %}"
        "<button class='btn btn-outline-danger'>Cancel</button>{% endaction_panel %}"
    ).render(Context())
    assert "<h2" in html and "Your account" in html and "<p>Body</p>" in html
    primary, danger = html.split('class="actions-danger"')
    assert "Go" in primary and "Cancel" in danger and "Cancel" not in primary


def test_action_panel_without_danger_has_no_danger_zone():
    html = Template(
        "{% load ui %}{% action_panel %}<a>Go</a>{% endaction_panel %}"
    ).render(Context())
    assert "actions-danger" not in html and "<a>Go</a>" in html


def test_confirm_attrs_say_what_will_happen(french):
    html = Template(
        "{% load ui %}<form {% confirm_attrs 'Les autres propositions seront refusées.' 'Attribuer' %}>"
    ).render(Context())
    assert 'data-confirm="Les autres propositions seront refusées."' in html
    assert 'data-confirm-ok="Attribuer"' in html and "data-confirm-danger" in html


def test_confirm_step_posts_the_same_fields_with_confirmed(rf):
    from django.contrib.auth.models import AnonymousUser

    from core.confirm import confirm_step, confirmed

    request = rf.post("/missions/x/do/award/", {"reason": "Très bien", "n": ["1", "2"]})
    request.user = AnonymousUser()
    assert not confirmed(request)
    with translation.override("en"):
        response = confirm_step(
            request,
            title="Award?",
            consequence="The other proposals will be declined.",
            confirm_label="Award the mission",
            cancel_url="/missions/",
        )
    html = response.content.decode()
    assert "The other proposals will be declined." in html
    assert 'name="reason" value="Très bien"' in html
    assert html.count('name="n"') == 2
    assert 'name="confirmed" value="1"' in html
    assert rf.post("/", {"confirmed": "1"}).POST.get("confirmed") == "1"
    assert confirmed(rf.post("/", {"confirmed": "1"}))


def test_error_summary_links_to_each_field(english):
    from django import forms

    class NeedForm(forms.Form):
        title = forms.CharField(label="Title", help_text="A few words.")
        budget = forms.IntegerField(label="Budget in euros")

    form = NeedForm(data={"title": ""})
    html = Template('{% include "components/form_body.html" %}').render(
        Context({"form": form})
    )
    assert "There is a problem" in html
    assert 'href="#id_title"' in html and 'href="#id_budget"' in html
    label_at, help_at, input_at = (
        html.index('for="id_title"'),
        html.index("A few words."),
        html.index('name="title"'),
    )
    assert label_at < help_at < input_at  # the help text comes under the label
