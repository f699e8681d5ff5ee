"""The chart's data, worked out without drawing: rows, marks, colours by kind, folding into "others", ranges."""

from __future__ import annotations

from datetime import date as Date

import pytest

from bot.charts import MAX_ROWS, OTHERS, ChartPoint, build_timeline, build_weekly
from bot.charts.figure import (
    DOT_CENTRE,
    SPAN_LANES,
    STACK_SPREAD,
    STACK_STEP,
    UNATTRIBUTED,
    choose_rows,
    date_tick_labels,
    period_end,
    short_label,
    stack_offsets,
)
from bot.charts.style import KIND_COLOURS


def point(speaker: str | None, day: str | None = "2021-09-02", kind: str = "speech", basis: str = "explicit",
          precision: str | None = "day") -> ChartPoint:
    return ChartPoint(speaker=speaker, kind=kind, date=day, basis=basis, precision=precision)


def test_rows_are_speakers_most_quoted_first_ties_by_name() -> None:
    points = [point("Taliban")] * 2 + [point("John Kirby")] * 3 + [point("Anthony Blinken")] * 2
    figure = build_timeline(points, "t")
    assert [(r.label, r.count) for r in figure.rows] == [("John Kirby", 3), ("Anthony Blinken", 2), ("Taliban", 2)]
    assert [m.row for m in figure.marks] == [0, 0, 0, 1, 1, 2, 2]


def test_speakers_past_the_limit_are_folded_into_others() -> None:
    # 15 speakers, speaker i quoted 20 - i times: the 11 most quoted get rows, the other 4 share the last.
    points = [point(f"Speaker {i:02d}") for i in range(15) for _ in range(20 - i)]
    figure = build_timeline(points, "t")
    assert len(figure.rows) == MAX_ROWS
    assert [r.label for r in figure.rows[:-1]] == [f"Speaker {i:02d}" for i in range(MAX_ROWS - 1)]
    others = figure.rows[-1]
    assert (others.label, others.speakers, others.count) == (OTHERS, 4, 9 + 8 + 7 + 6)
    assert sum(m.row == MAX_ROWS - 1 for m in figure.marks) == others.count
    assert "15 speakers" in figure.subtitle


def test_exactly_the_limit_needs_no_others_row() -> None:
    rows, index = choose_rows([f"S{i}" for i in range(MAX_ROWS)])
    assert len(rows) == MAX_ROWS and OTHERS not in [r.label for r in rows] and len(index) == MAX_ROWS


def test_unattributed_statements_have_their_own_row() -> None:
    figure = build_timeline([point(None), point(None), point("Kirby")], "t")
    assert [(r.label, r.count) for r in figure.rows] == [(UNATTRIBUTED, 2), ("Kirby", 1)]


@pytest.mark.parametrize("kind", ["speech", "thought", "evidence"])
def test_marks_are_coloured_by_kind(kind: str) -> None:
    (mark,) = build_timeline([point("Kirby", kind=kind)], "t").marks
    assert mark.kind == kind and mark.colour == KIND_COLOURS[kind]


def test_the_kind_colours_are_distinct() -> None:
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS) == 3


def test_a_date_from_the_text_is_told_apart_from_the_publication_day() -> None:
    figure = build_timeline([point("Kirby", basis="explicit"), point("Kirby", basis="inherited"),
                             point("Kirby", basis="article")], "t")
    assert [m.from_text for m in figure.marks] == [True, True, False]


def test_a_month_is_a_span_over_the_month_never_a_made_up_day() -> None:
    figure = build_timeline([point("Kirby", "2021-09-01", precision="month"), point("Kirby", "2021-09-10")], "t")
    span, dot = sorted(figure.marks, key=lambda m: m.is_span, reverse=True)
    assert span.is_span and (span.start, span.end) == (Date(2021, 9, 1), Date(2021, 10, 1))
    assert not dot.is_span and (dot.start, dot.end) == (Date(2021, 9, 10), Date(2021, 9, 11))
    assert span.offset in SPAN_LANES  # below the row's dots, not through them


@pytest.mark.parametrize(("start", "precision", "end"), [
    ("2021-09-02", "day", "2021-09-03"),
    ("2021-09-02", None, "2021-09-03"),  # stored before precisions existed: a day
    ("2021-08-23", "week", "2021-08-30"),
    ("2021-02-01", "month", "2021-03-01"),
    ("2020-02-01", "month", "2020-03-01"),
    ("2021-12-01", "month", "2022-01-01"),
    ("2003-01-01", "year", "2004-01-01"),
    ("1990-01-01", "decade", "2000-01-01"),
])
def test_period_end(start: str, precision: str | None, end: str) -> None:
    assert period_end(Date.fromisoformat(start), precision) == Date.fromisoformat(end)


def test_undated_statements_are_counted_not_drawn() -> None:
    figure = build_timeline([point("Kirby"), point("Kirby", None), point("Blinken", None)], "t")
    assert len(figure.marks) == 1 and figure.undated == 2 and figure.statements == 3
    assert "2 undated not shown" in figure.subtitle


def test_only_undated_statements_give_a_figure_without_marks() -> None:
    figure = build_timeline([point("Kirby", None)], "t")
    assert not figure.marks and not figure.rows and figure.undated == 1


def test_the_range_is_the_span_of_the_marks_dated_to_a_day() -> None:
    figure = build_timeline([point("A", "2021-08-15"), point("B", "2021-09-02"),
                             point("C", "2003-01-01", precision="year")], "t")
    assert (figure.start, figure.end) == (Date(2021, 8, 15), Date(2021, 9, 3))
    assert figure.outside == 1 and [r.label for r in figure.rows] == ["A", "B"]  # 2003 does not stretch it


def test_the_filter_dates_fix_the_range_and_a_period_overlapping_it_stays() -> None:
    figure = build_timeline([point("A", "2021-09-05"), point("B", "2021-08-01", precision="month")], "t",
                            start="2021-08-15", end="2021-09-30")
    assert (figure.start, figure.end) == (Date(2021, 8, 15), Date(2021, 10, 1))
    assert len(figure.marks) == 2 and figure.outside == 0


def test_marks_of_one_row_and_day_are_stacked_not_drawn_on_top_of_each_other() -> None:
    figure = build_timeline([point("Kirby", kind="thought"), point("Kirby"), point("Kirby", basis="article")], "t")
    offsets = [m.offset for m in figure.marks]
    assert len(set(offsets)) == 3
    assert max(offsets) - min(offsets) <= STACK_SPREAD + 1e-9
    assert sum(offsets) / 3 == pytest.approx(DOT_CENTRE)
    assert [m.kind for m in figure.marks] == ["speech", "speech", "thought"]  # grouped by kind in the stack


@pytest.mark.parametrize("n", [0, 1, 2, 5, 400])
def test_stack_offsets_stay_within_the_row(n: int) -> None:
    offsets = stack_offsets(n)
    assert len(offsets) == n
    if n > 1:
        assert offsets == sorted(offsets)
        assert max(offsets) - min(offsets) <= STACK_SPREAD + 1e-9
        assert offsets[1] - offsets[0] <= STACK_STEP + 1e-9
        assert sum(offsets) == pytest.approx(0, abs=1e-9)


def test_long_names_are_cut_with_an_ellipsis() -> None:
    assert short_label("Muhammad Zohir Agbar, Afghan Ambassador to Tajikistan") == "Muhammad Zohir Agbar,…"
    assert short_label("John   Kirby") == "John Kirby"
    figure = build_timeline([point("Muhammad Zohir Agbar, Afghan Ambassador to Tajikistan")], "t")
    assert len(figure.rows[0].label) <= 22


@pytest.mark.parametrize(("days", "labels"), [
    (["2021-08-15", "2021-08-22", "2021-08-29", "2021-09-05"], ["15 Aug 2021", "22", "29", "05 Sep"]),
    (["2021-08-01", "2021-09-01", "2021-10-01"], ["Aug 2021", "Sep", "Oct"]),
    (["2021-12-01", "2022-01-01", "2022-02-01"], ["Dec 2021", "Jan 2022", "Feb"]),
    (["2019-01-01", "2020-01-01", "2021-01-01"], ["2019", "2020", "2021"]),
    ([], []),
])
def test_tick_labels_say_only_what_changed(days: list[str], labels: list[str]) -> None:
    assert date_tick_labels([Date.fromisoformat(d) for d in days]) == labels


def test_weekly_series_counts_per_week_and_kind_with_empty_weeks() -> None:
    series = build_weekly([point("K", "2021-08-02"), point("K", "2021-08-08", kind="thought"),
                           point("K", "2021-08-23"), point("K", "2021-08-23", precision="week"),
                           point("K", "2021-08-01", precision="month"), point("K", None)], "w")
    assert series.weeks == (Date(2021, 8, 2), Date(2021, 8, 9), Date(2021, 8, 16), Date(2021, 8, 23))
    assert series.counts == ({"speech": 1, "thought": 1}, {}, {}, {"speech": 2})
    assert (series.total, series.peak, series.left_out) == (4, 2, 2)


def test_weekly_series_of_nothing_dated_is_empty() -> None:
    series = build_weekly([point("K", None)], "w")
    assert series.weeks == () and series.left_out == 1 and series.peak == 0
