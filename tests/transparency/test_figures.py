"""The catalogue's arithmetic, on detail rows: shares, suppression, recomputation."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transparency.figures import CATALOGUE, FAMILIES, Thresholds, largest_remainder
from transparency.figures.base import POOLED, Figure, is_sensitive, suppression
from transparency.package import csv_text

SUMS = Figure(
    key="test.sums",
    family="value",
    version=1,
    title={"fr": "t", "en": "t"},
    definition={"fr": "d", "en": "d"},
    unit="cents",
    protected=True,
    shares=True,
)


def rows(*cells):
    """rows(("2026-01", "a", 100, "x"), ...)"""
    return [
        {"month": m, "cell": c, "value": v, "contributor": who}
        for m, c, v, who in cells
    ]


def through_csv(published):
    return list(csv.DictReader(io.StringIO(csv_text(published))))


def test_every_figure_has_key_version_and_both_definitions():
    assert len(CATALOGUE) >= 15
    for key, figure in CATALOGUE.items():
        assert figure.key == key and figure.version >= 1
        assert figure.family in FAMILIES
        for lang in ("fr", "en"):
            assert len(figure.definition[lang]) > 80, key
            assert figure.title[lang]


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12))
def test_largest_remainder_always_sums_to_100_percent(values):
    parts = largest_remainder(values)
    assert sum(parts) == (1000 if sum(values) else 0)
    # each part is within one unit of its exact quota
    if sum(values):
        for value, part in zip(values, parts, strict=False):
            assert abs(part - value * 1000 / sum(values)) < 1


def test_largest_remainder_gives_the_units_left_to_the_largest_remainders():
    assert largest_remainder([1, 1, 1]) == [334, 333, 333]
    assert largest_remainder([2, 1]) == [667, 333]


@pytest.mark.parametrize(
    ("contributors", "sensitive"), [(["a", "b"], True), (["a", "b", "c"], False)]
)
def test_two_contributors_are_hidden_three_are_shown(contributors, sensitive):
    assert is_sensitive(dict.fromkeys(contributors, 100), Thresholds()) is sensitive


@pytest.mark.parametrize(("top", "sensitive"), [(85, False), (86, True)])
def test_one_contributor_at_85_percent_is_shown_at_86_hidden(top, sensitive):
    value = {"a": top, "b": (100 - top) // 2, "c": 100 - top - (100 - top) // 2}
    assert is_sensitive(value, Thresholds()) is sensitive


def test_thresholds_follow_the_rule_values():
    cell = {"a": 80, "b": 10, "c": 10}
    assert not is_sensitive(cell, Thresholds(3, 85))
    assert is_sensitive(cell, Thresholds(4, 85))
    assert is_sensitive(cell, Thresholds(3, 75))


def test_a_hidden_cell_takes_a_second_one_with_it_and_the_total_stays():
    raw = rows(
        ("2026-01", "small", 500, "x"),
        ("2026-01", "small", 400, "y"),
        *[("2026-01", "big", 1000, f"b{i}") for i in range(5)],
        *[("2026-01", "mid", 300, f"m{i}") for i in range(3)],
    )
    result = SUMS.run(raw)
    month = result["months"]["2026-01"]
    assert month["cells"]["small"] is None  # two contributors
    assert month["cells"]["mid"] is None  # secondary: the smallest other cell
    assert month["cells"]["big"] == 5000
    assert month["total"] == 5900 + 900
    assert result["total"] == 6800
    # the hidden cells share one part of the 100 %, and the shares still add up
    shares = month["shares"]
    assert set(shares) == {"big", POOLED}
    assert sum(int(s.replace(".", "")) for s in shares.values()) == 1000


def test_a_month_with_one_cell_hides_its_total_and_the_period_total():
    raw = rows(
        ("2026-01", "a", 100, "x"),
        ("2026-01", "a", 100, "y"),
        *[("2026-02", "a", 100, f"p{i}") for i in range(4)],
    )
    result = SUMS.run(raw)
    assert result["months"]["2026-01"]["total"] is None
    assert result["months"]["2026-01"]["cells"]["a"] is None
    assert result["months"]["2026-02"]["total"] == 400
    assert result["total"] is None  # total - February would give January


@st.composite
def tables(draw):
    people = [f"p{i}" for i in range(6)]
    out = []
    for month in ("2026-01", "2026-02", "2026-03"):
        for cell in ("a", "b", "c", "d"):
            for who in draw(st.lists(st.sampled_from(people), max_size=5, unique=True)):
                value = draw(st.integers(min_value=1, max_value=10_000))
                out.append(
                    {"month": month, "cell": cell, "value": value, "contributor": who}
                )
    return out


@given(tables())
def test_no_hidden_cell_can_be_recovered_from_the_totals(raw):
    result = SUMS.run(raw)
    hidden_totals = 0
    for month, entry in result["months"].items():
        hidden = [c for c, v in entry["cells"].items() if v is None]
        if entry["total"] is None:
            hidden_totals += 1
            continue
        # a month total minus the shown cells never isolates a single hidden cell
        assert len(hidden) != 1, (month, entry)
        shown = sum(v for v in entry["cells"].values() if v is not None)
        real = sum(r["value"] for r in raw if r["month"] == month)
        assert entry["total"] == real
        if not hidden:
            assert shown == entry["total"]
    if result["total"] is not None:
        assert hidden_totals != 1
        assert result["total"] == sum(r["value"] for r in raw)
    # every shown cell is one the rule allows
    hidden_cells, _, _ = suppression(SUMS, raw, Thresholds())
    for month, entry in result["months"].items():
        for cell, value in entry["cells"].items():
            if value is not None:
                assert (month, cell) not in hidden_cells


@given(tables())
def test_published_rows_give_the_same_figure_and_hide_what_it_hides(raw):
    published = SUMS.published_rows(raw)
    assert SUMS.run(through_csv(published)) == SUMS.run(raw)
    result = SUMS.run(raw)
    for month, entry in result["months"].items():
        for cell, value in entry["cells"].items():
            if value is None:  # no row of a hidden cell keeps a value
                assert all(
                    r["value"] == ""
                    for r in published
                    if r["month"] == month and r["cell"] == cell
                )


@given(tables())
def test_every_figure_recomputes_from_its_published_rows(raw):
    for figure in CATALOGUE.values():
        shaped = raw
        if figure.key == "value.payment_delays":
            shaped = [dict(r, cell="paid", value=r["value"] % 120) for r in raw]
        elif figure.key == "value.platform_share":
            shaped = [dict(r, cell="mission_value") for r in raw]
        elif figure.key == "governance.turnout":
            shaped = [dict(r, cell="experts:voters") for r in raw]
        published = figure.published_rows(shaped)
        assert figure.run(through_csv(published)) == figure.run(shaped), figure.key
