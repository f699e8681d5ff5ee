"""Calendar arithmetic and expression values, without a model: year rollover, weekdays, relative offsets."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from bot.extraction.dating import DatingConfig, date_precision, match_temporal, resolve
from bot.extraction.dating.calendar import add_months, choose_year, nth_weekday, shift, week_start

THU = date(2021, 9, 2)  # the seed's article date, a Thursday
MON, THU_, FRI = 0, 3, 4
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


# ---------------------------------------------------------------------------------------------- pure arithmetic


@pytest.mark.parametrize(("anchor", "weekday", "direction", "strict", "expected"), [
    (THU, THU_, -1, False, THU),                  # "Thursday" written on a Thursday: that day
    (THU, THU_, -1, True, date(2021, 8, 26)),     # "last Thursday": a week earlier
    (THU, THU_, 1, True, date(2021, 9, 9)),       # "next Thursday"
    (THU, FRI, -1, False, date(2021, 8, 27)),     # "Friday" (past): the one before
    (THU, FRI, 1, False, date(2021, 9, 3)),       # "on Friday" (future): the one after
    (THU, MON, 1, True, date(2021, 9, 6)),        # "next Monday"
    (date(2021, 1, 1), MON, -1, False, date(2020, 12, 28)),  # across a year boundary
])
def test_nth_weekday(anchor: date, weekday: int, direction: int, strict: bool, expected: date) -> None:
    assert nth_weekday(anchor, weekday, direction, strict) == expected


@given(days, st.integers(0, 6), st.sampled_from([-1, 1]), st.booleans())
def test_nth_weekday_is_the_nearest_such_day_in_its_direction(anchor: date, weekday: int, direction: int,
                                                              strict: bool) -> None:
    found = nth_weekday(anchor, weekday, direction, strict)
    gap = (found - anchor).days * direction
    assert found.weekday() == weekday
    assert (1 if strict else 0) <= gap <= (7 if strict else 6)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (THU, 0, date(2021, 9, 1)),
    (THU, -1, date(2021, 8, 1)),
    (THU, 4, date(2022, 1, 1)),     # year rollover forward
    (date(2021, 1, 31), -1, date(2020, 12, 1)),  # and back
    (THU, -21, date(2019, 12, 1)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("day", "weeks", "expected"), [
    (THU, 0, date(2021, 8, 30)),
    (THU, -1, date(2021, 8, 23)),
    (date(2021, 8, 30), 0, date(2021, 8, 30)),  # a Monday is its own week's start
    (date(2021, 1, 2), 0, date(2020, 12, 28)),  # a week across the new year
])
def test_week_start(day: date, weeks: int, expected: date) -> None:
    assert week_start(day, weeks) == expected


@pytest.mark.parametrize(("month", "day", "anchor", "tense", "expected"), [
    (12, 30, date(2022, 1, 2), "past", date(2021, 12, 30)),     # rollover back
    (12, 30, date(2022, 1, 2), "neutral", date(2021, 12, 30)),  # the nearest
    (1, 3, date(2021, 12, 30), "future", date(2022, 1, 3)),     # rollover forward
    (1, 3, date(2021, 12, 30), "neutral", date(2022, 1, 3)),
    (9, 5, THU, "past", date(2020, 9, 5)),                      # past: on or before, even when later is nearer
    (9, 5, THU, "future", date(2021, 9, 5)),
    (9, 2, THU, "past", THU),                                   # the anchor itself is "on or before"
    (2, 29, date(2021, 3, 1), "past", date(2020, 2, 29)),       # only a leap year has it
    (2, 30, THU, "past", None),                                 # no year has it
])
def test_choose_year(month: int, day: int, anchor: date, tense: str, expected: date | None) -> None:
    assert choose_year(month, day, anchor, tense) == expected  # type: ignore[arg-type]


def test_choose_year_window() -> None:
    """The window bounds the years tried: with none, a day after the anchor stays in the anchor's year."""
    assert choose_year(9, 5, THU, "past", window=0) == date(2021, 9, 5)
    assert choose_year(2, 29, date(2021, 3, 1), "past", window=0) is None
    assert choose_year(2, 29, date(2023, 3, 1), "past", window=3) == date(2020, 2, 29)


@given(days, st.integers(-30, 30))
def test_shift_by_unit(anchor: date, offset: int) -> None:
    assert shift(anchor, "day", offset).value == anchor + timedelta(days=offset)
    week = shift(anchor, "week", offset)
    assert week.value.weekday() == 0 and week.precision == "week"
    assert abs((week.value - anchor).days - 7 * offset) <= 6
    month = shift(anchor, "month", offset)
    assert month.value.day == 1 and month.precision == "month" and month.basis == "relative"
    assert (month.value.year * 12 + month.value.month) - (anchor.year * 12 + anchor.month) == offset


def test_calendar_imports_no_parser() -> None:
    """The calendar and the text matching run without spaCy: they are tested, and usable, without a model."""
    code = ("import sys; import bot.extraction.dating.calendar, bot.extraction.dating.expressions; "
            "assert not [m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')], 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------------------------- expression values


@pytest.mark.parametrize(("text", "article", "reference", "tense", "expected", "precision"), [
    # absolute dates; the year comes from the article date
    ("August 31", THU, None, "past", "2021-08-31", "day"),
    ("Aug. 31", THU, None, "past", "2021-08-31", "day"),
    ("Sept. 2", THU, None, "past", "2021-09-02", "day"),
    ("31 August 2021", None, None, "past", "2021-08-31", "day"),
    ("31st of August", THU, None, "past", "2021-08-31", "day"),
    ("August 31st, 2020", THU, None, "past", "2020-08-31", "day"),
    ("Tuesday, Aug. 31", THU, None, "past", "2021-08-31", "day"),
    ("2021-08-31", None, None, "neutral", "2021-08-31", "day"),
    # year rollover, both ways
    ("December 30", date(2022, 1, 2), None, "past", "2021-12-30", "day"),
    ("December 30", date(2022, 1, 2), None, "neutral", "2021-12-30", "day"),
    ("January 3", date(2021, 12, 30), None, "future", "2022-01-03", "day"),
    ("January 3", date(2021, 12, 30), None, "neutral", "2022-01-03", "day"),
    # past tense: on or before the article date, even when a later date is nearer
    ("September 5", THU, None, "past", "2020-09-05", "day"),
    # month precision
    ("last September", THU, None, "past", "2020-09-01", "month"),
    ("last August", THU, None, "past", "2021-08-01", "month"),
    ("August 2020", THU, None, "past", "2020-08-01", "month"),
    ("next January", THU, None, "future", "2022-01-01", "month"),
    # weekdays: on or before the article date, unless future
    ("Thursday", THU, None, "past", "2021-09-02", "day"),
    ("Earlier Thursday", THU, None, "past", "2021-09-02", "day"),
    ("Tuesday", THU, None, "past", "2021-08-31", "day"),
    ("Friday", THU, None, "past", "2021-08-27", "day"),
    ("Friday", THU, None, "future", "2021-09-03", "day"),
    ("last Thursday", THU, None, "past", "2021-08-26", "day"),
    ("next Monday", THU, None, "neutral", "2021-09-06", "day"),
    ("Monday morning", THU, None, "past", "2021-08-30", "day"),
    # deictic words count from the article date, whatever the reference in force
    ("yesterday", THU, date(2021, 8, 15), "past", "2021-09-01", "day"),
    ("last night", THU, None, "past", "2021-09-01", "day"),
    ("earlier today", THU, None, "past", "2021-09-02", "day"),
    ("three days ago", THU, None, "past", "2021-08-30", "day"),
    ("last week", THU, None, "past", "2021-08-23", "week"),
    ("earlier this month", THU, None, "past", "2021-09-01", "month"),
    ("last month", THU, None, "past", "2021-08-01", "month"),
    # anaphoric words count from the reference time in force
    ("The day before", THU, date(2021, 8, 31), "past", "2021-08-30", "day"),
    ("the previous day", THU, date(2021, 8, 31), "past", "2021-08-30", "day"),
    ("a day earlier", THU, date(2021, 8, 31), "past", "2021-08-30", "day"),
    ("two days later", THU, date(2021, 8, 20), "past", "2021-08-22", "day"),
    ("2 days later", THU, date(2021, 8, 20), "past", "2021-08-22", "day"),
    ("a week earlier", THU, date(2021, 8, 20), "past", "2021-08-13", "day"),
    ("the next day", THU, date(2021, 8, 31), "past", "2021-09-01", "day"),
    ("later that day", THU, date(2021, 8, 31), "past", "2021-08-31", "day"),
    ("The day before", THU, None, "past", "2021-09-01", "day"),  # nothing in force: the article date
])
def test_resolve_expression(text: str, article: date | None, reference: date | None, tense: str,
                            expected: str, precision: str) -> None:
    found = match_temporal(text)
    assert [m.text for m in found] == [text]
    value = resolve(found[0], article=article, reference=reference, tense=tense)  # type: ignore[arg-type]
    assert value is not None
    assert (value.value.isoformat(), value.precision) == (expected, precision)
    assert date_precision(text) == precision


@pytest.mark.parametrize("text", ["February 30", "April 31", "31 June", "February 29, 2021"])
def test_impossible_dates_have_no_value(text: str) -> None:
    found = match_temporal(text)
    assert len(found) == 1
    assert resolve(found[0], article=THU, reference=None, tense="past") is None


@pytest.mark.parametrize(("text", "article"), [
    ("Thursday", None),        # a weekday needs the article date
    ("yesterday", None),       # so does a deictic word
    ("August 31", None),       # and a date without a year
    ("the next day", THU),     # a forward phrase with no date in force: following what?
])
def test_nothing_to_count_from(text: str, article: date | None) -> None:
    found = match_temporal(text)
    assert resolve(found[0], article=article, reference=None, tense="past") is None


@pytest.mark.parametrize("text", [
    "they may 31 times", "four days of fighting", "a 20-year mission", "in recent years", "the near future",
    "the march 5 miles", "every day", "a long day",
])
def test_not_temporal_expressions(text: str) -> None:
    assert match_temporal(text) == []




def test_year_window_reaches_resolve() -> None:
    found = match_temporal("September 5")
    assert resolve(found[0], article=THU, reference=None, tense="past") == resolve(
        found[0], article=THU, reference=None, tense="past", config=DatingConfig(year_window=1))
    narrow = resolve(found[0], article=THU, reference=None, tense="past", config=DatingConfig(year_window=0))
    assert narrow is not None and narrow.value == date(2021, 9, 5)


def test_expressions_far_apart_in_a_long_text_are_all_found() -> None:
    # The absolute rules run only around a month's or weekday's name and the relative ones around their rarest
    # word: expressions at the very start, far in the middle and at the very end are each found, whole.
    filler = " The council met and talked. " * 40
    text = ("Earlier in September 2016 it began." + filler + "On Tuesday morning, August 30, 2016, it went on."
            + filler + "The day before yesterday" + filler + "It ended later that same evening")
    assert [m.text for m in match_temporal(text)] == [
        "Earlier in September 2016", "Tuesday morning, August 30, 2016", "The day before yesterday",
        "later that same evening"]
