"""The shared fields: euros typed as people write them (cents in cleaned_data),
and dates day first or from the browser's picker."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.form_fields import (
    MAX_EUROS,
    DateField,
    EuroField,
    format_euros,
    parse_euros,
)
from core.templatetags.ui import format_money

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1200", 120_000),
        ("1 200", 120_000),
        ("1 200,50", 120_050),
        ("1200.5", 120_050),
        ("1 200 €", 120_000),
        ("1 200,50 €", 120_050),
        (f"1{NBSP}200,50{NBSP}€", 120_050),
        (f"1{NNBSP}200,5", 120_050),
        ("1200.50", 120_050),
        ("1.200,50", 120_050),
        ("1,200.50", 120_050),
        ("1.200.000", 120_000_000),
        ("€1,200.50", 120_050),
        ("12 EUR", 1_200),
        ("0,5", 50),
        ("0", 0),
        ("10 000 000", MAX_EUROS * 100),
        ("", None),
        ("   ", None),
    ],
)
def test_euros_are_read_as_people_type_them(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("-5", "negative"),
        ("\u22125", "negative"),
        ("- 1 200,50 €", "negative"),
        ("nan", "invalid"),
        ("NaN", "invalid"),
        ("inf", "invalid"),
        ("Infinity", "invalid"),
        ("1e9", "invalid"),
        ("douze", "invalid"),
        ("12,345", "invalid"),  # in French: three decimals
        ("1,2,3", "invalid"),
        ("1.2,5", "invalid"),
        ("12.3456", "invalid"),
        ("1,005", "invalid"),
        ("10 000 000,01", "max"),
        ("20000000", "max"),
        ("99999999999999999999", "max"),
    ],
)
def test_impossible_amounts_are_refused_with_a_sentence(typed, code):
    with pytest.raises(ValidationError) as caught, translation.override("fr"):
        EuroField().clean(typed)
    assert caught.value.code == code
    message = caught.value.messages[0]
    assert message.endswith(".")
    assert "%(" not in message


def test_a_comma_between_thousands_is_read_in_english_only():
    with translation.override("en"):
        assert parse_euros("12,345") == 1_234_500
        assert parse_euros("1,000") == 100_000
    with translation.override("fr"):
        assert parse_euros("1,000,000") == 100_000_000
        with pytest.raises(ValidationError):
            parse_euros("1,000")


def test_the_refusals_are_translated():
    with translation.override("fr"):
        with pytest.raises(ValidationError) as caught:
            EuroField().clean("20 000 000")
        assert caught.value.messages == [
            f"Ce montant est trop élevé{NBSP}: tapez au plus 10{NNBSP}000{NNBSP}000{NBSP}€."
        ]
        with pytest.raises(ValidationError) as caught:
            EuroField().clean("douze")
        assert "deux décimales au plus" in caught.value.messages[0]


def test_a_field_may_set_a_lower_maximum_and_refuse_zero():
    rate = EuroField(max_euros=10_000)
    assert rate.clean("10 000") == 1_000_000
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            rate.clean("10 000,01")
        assert caught.value.messages == [
            "This amount is too large: type at most €10,000."
        ]
    with pytest.raises(ValidationError) as caught:
        EuroField(positive=True).clean("0")
    assert caught.value.code == "min_value"


def test_empty_is_none_or_the_fields_empty_value():
    assert EuroField(required=False).clean("") is None
    assert EuroField(required=False, empty_value=0).clean("  ") == 0
    with pytest.raises(ValidationError) as caught:
        EuroField().clean("")
    assert caught.value.code == "required"


def test_cents_are_shown_back_as_euros_in_each_language():
    field = EuroField()
    with translation.override("fr"):
        assert field.prepare_value(120_050) == "1 200,50"
        assert field.prepare_value(65_000) == "650"
        assert format_euros(0) == "0"
    with translation.override("en"):
        assert field.prepare_value(120_050) == "1,200.50"
    assert field.prepare_value("12 abc") == "12 abc"  # typed text stays as typed
    assert format_euros(None) == ""


def test_the_input_asks_for_a_decimal_keyboard():
    class Form(forms.Form):
        amount = EuroField()

    html = str(Form()["amount"])
    assert 'inputmode="decimal"' in html
    assert 'type="text"' in html


def test_a_bound_form_keeps_the_cents():
    class Form(forms.Form):
        amount = EuroField(positive=True)

    form = Form({"amount": "1 234,56 €"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == 123_456


cents = st.integers(min_value=0, max_value=MAX_EUROS * 100)


@given(cents=cents, language=st.sampled_from(["fr", "en"]))
def test_what_is_shown_reads_back_the_same(cents, language):
    field = EuroField()
    with translation.override(language):
        assert field.clean(field.prepare_value(cents)) == cents
        # and the amount as printed on a page ("1 234,50 €", "€1,234.50")
        assert field.clean(format_money(cents)) == cents


@given(
    cents=cents,
    space=st.sampled_from([" ", NBSP, NNBSP, "", "."]),
    mark=st.sampled_from([",", "."]),
    euro=st.sampled_from(["", " €", f"{NBSP}€", "€"]),
)
def test_every_way_of_writing_an_amount_reads_the_same(cents, space, mark, euro):
    whole, rest = divmod(cents, 100)
    groups = f"{whole:,}".replace(",", space)
    if space == mark:
        return  # "1.200.50" is not a way anyone writes an amount
    typed = f"{groups}{mark}{rest:02d}{euro}" if rest else f"{groups}{euro}"
    assert parse_euros(typed) == cents


@given(st.integers(min_value=MAX_EUROS * 100 + 1, max_value=10**15))
def test_no_amount_above_the_maximum_passes(cents):
    with pytest.raises(ValidationError):
        EuroField().clean(format_euros(cents))


@given(st.text(max_size=20))
def test_any_text_is_cents_or_a_clear_refusal(text):
    try:
        value = EuroField(required=False).clean(text)
    except ValidationError as error:
        assert error.code in {"invalid", "negative", "max"}
    else:
        assert value is None or 0 <= value <= MAX_EUROS * 100


@pytest.mark.parametrize(
    "typed",
    [
        "2026-12-31",
        "31/12/2026",
        "31/12/26",
        "31.12.2026",
        "31-12-2026",
        " 31/12/2026 ",
    ],
)
def test_a_date_is_read_day_first_or_iso(typed):
    assert DateField().clean(typed) == dt.date(2026, 12, 31)


@pytest.mark.parametrize("typed", ["12/31/2026", "31/02/2027", "demain", "2026-13-01"])
def test_an_impossible_date_is_refused_with_the_format(typed):
    with translation.override("fr"):
        with pytest.raises(ValidationError) as caught:
            DateField().clean(typed)
        assert caught.value.messages == [
            "Tapez une date sous la forme jour/mois/année, par exemple 31/12/2026."
        ]


def test_a_date_input_is_a_picker_with_the_french_format_said():
    class Form(forms.Form):
        start = DateField(label="Début", help_text="Le premier jour.")
        end = DateField(label="Fin", required=False)

    form = Form(initial={"start": dt.date(2026, 12, 31)})
    html = str(form["start"])
    assert 'type="date"' in html and 'value="2026-12-31"' in html
    with translation.override("fr"):
        assert str(form.fields["start"].help_text) == (
            "Date\u00a0: jj/mm/aaaa. Le premier jour."
        )
        assert str(form.fields["end"].help_text) == "Date\u00a0: jj/mm/aaaa."
    with translation.override("en"):
        assert str(form.fields["end"].help_text) == "Date as dd/mm/yyyy."
