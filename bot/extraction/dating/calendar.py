"""Calendar arithmetic of dating: weekdays, year rollover, relative offsets. Pure date functions, no parse.

- Absolute dates without a year get the year that puts them on or before the anchor (past tense), on or
  after it (future tense), else the nearest: an article of 2 January that mentions "December 30" means the
  previous year.
- Weekdays are the most recent such day on or before the article date, unless the verb is future.
- Deictic phrases count from the article date, anaphoric ones from the reference time in force.
- Months are dated by their first day, weeks by their Monday, years and decades by their first day.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.extraction.dating.config import DEFAULT_DATING_CONFIG, DatingConfig
from bot.extraction.dating.expressions import MONTH_RULES, TemporalMatch
from bot.extraction.dating.vocabulary import Precision, RelativeRule, Vocabulary, vocabulary
from bot.extraction.model import DateBasis

log = logging.getLogger(__name__)

Tense = Literal["past", "future", "neutral"]

DAYS_IN_WEEK = 7
MONTHS_IN_YEAR = 12
# A leap year: a day of a month that exists in no year of it ("February 30") exists in no year at all.
_LEAP_YEAR = 2000
# Absolute rules that name a day of a month.
DAY_RULES = frozenset({"month_day", "day_month", "weekday_date"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A calendar value: its date (the first day of the week or month when coarser) and precision."""

    value: date
    precision: Precision
    basis: DateBasis


def nth_weekday(anchor: date, weekday: int, direction: int, strict: bool) -> date:
    """Return the nearest ``weekday`` (0 = Monday) on or before ``anchor`` (direction -1) or on or after (+1).

    ``strict`` skips ``anchor`` itself: "last Thursday" written on a Thursday is a week earlier.
    """
    ahead = weekday - anchor.weekday()
    delta = (-ahead if direction < 0 else ahead) % DAYS_IN_WEEK
    if strict and delta == 0:
        delta = DAYS_IN_WEEK
    return anchor + timedelta(days=direction * delta)


def add_months(day: date, months: int) -> date:
    """Return the first day of the month ``months`` after (or before, when negative) the month of ``day``."""
    index = day.year * MONTHS_IN_YEAR + day.month - 1 + months
    return date(index // MONTHS_IN_YEAR, index % MONTHS_IN_YEAR + 1, 1)


def week_start(day: date, weeks: int = 0) -> date:
    """Return the Monday of the week ``weeks`` after (or before) the week of ``day``."""
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def choose_year(month: int, day: int, anchor: date, tense: Tense, window: int = 1) -> date | None:
    """Return the date of ``month``/``day`` in the year that suits ``tense`` best around ``anchor``, or None.

    Past: on or before the anchor; future: on or after; among those (or all, when none fits) the nearest.
    """
    candidates: list[date] = []
    for year in range(anchor.year - window, anchor.year + window + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # February 29 in a common year, or an impossible date
    if tense == "past":
        candidates = [c for c in candidates if c <= anchor] or candidates
    elif tense == "future":
        candidates = [c for c in candidates if c >= anchor] or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c))


def shift(anchor: date, unit: Precision, offset: int) -> Resolved:
    """Return the day, week or month ``offset`` units from ``anchor``, as a relative value."""
    if unit == "day":
        return Resolved(anchor + timedelta(days=offset), "day", "relative")
    if unit == "week":
        return Resolved(week_start(anchor, offset), "week", "relative")
    if unit in ("year", "decade"):
        return Resolved(date(anchor.year + offset, 1, 1), "year", "relative")
    return Resolved(add_months(anchor, offset), "month", "relative")


def count(match: TemporalMatch, vocab: Vocabulary) -> int:
    """Return the number a counted relative phrase multiplies its offset by ("two days later": 2)."""
    n_text = (match.part("n") or "1").lower()
    return int(n_text) if n_text.isdigit() else vocab.numbers.get(n_text, 1)


def _resolve_relative(match: TemporalMatch, rule: RelativeRule, article: date | None, reference: date | None,
                      vocab: Vocabulary) -> Resolved | None:
    if rule.anchor == "reference" and reference is None and rule.offset > 0:
        return None  # "the following morning" with no earlier date in force: following what?
    anchor = article if rule.anchor == "article" else (reference or article)
    if anchor is None:
        return None
    return shift(anchor, rule.unit, rule.offset * (count(match, vocab) if rule.counted else 1))


def _resolve_day(match: TemporalMatch, month: int, year_anchor: date | None, tense: Tense,
                 config: DatingConfig) -> Resolved | None:
    """Resolve a day of a month ("August 31", "31 August 2021"); ValueError for an impossible full date."""
    day = int(match.part("day") or 0)
    year_text = match.part("year")
    if year_text:
        return Resolved(date(int(year_text), month, day), "day", "explicit")
    if not 1 <= day <= calendar.monthrange(_LEAP_YEAR, month)[1]:
        return None  # "February 30": not a date in any year
    if year_anchor is None:
        return None
    chosen = choose_year(month, day, year_anchor, tense, config.year_window)
    return Resolved(chosen, "day", "explicit") if chosen else None


def _resolve_month(match: TemporalMatch, month: int, year_anchor: date | None, tense: Tense,
                   config: DatingConfig) -> Resolved | None:
    """Resolve a month ("August 2020", "last September", "in August") to its first day."""
    year_text = match.part("year")
    if year_text:
        return Resolved(date(int(year_text), month, 1), "month", "explicit")
    if year_anchor is None:
        return None
    modifier = (match.part("mmod") or "").lower().strip()
    if modifier == "last":
        value = date(year_anchor.year if month < year_anchor.month else year_anchor.year - 1, month, 1)
    elif modifier == "next":
        value = date(year_anchor.year if month > year_anchor.month else year_anchor.year + 1, month, 1)
    else:
        chosen = choose_year(month, 1, year_anchor.replace(day=1), tense, config.year_window)
        if chosen is None:
            return None
        value = chosen
    return Resolved(value, "month", "explicit")


def _resolve_weekday(match: TemporalMatch, article: date | None, tense: Tense,
                     vocab: Vocabulary) -> Resolved | None:
    if article is None:
        return None
    weekday = vocab.weekdays[match.part("weekday") or ""]
    modifier = (match.part("wmod") or "").lower()
    if modifier in ("last", "past"):
        return Resolved(nth_weekday(article, weekday, -1, strict=True), "day", "explicit")
    if modifier == "next":
        return Resolved(nth_weekday(article, weekday, 1, strict=True), "day", "explicit")
    direction = 1 if tense == "future" else -1
    return Resolved(nth_weekday(article, weekday, direction, strict=False), "day", "explicit")


def resolve(match: TemporalMatch, *, article: date | None, reference: date | None, tense: Tense = "neutral",
            vocab: Vocabulary | None = None, config: DatingConfig | None = None) -> Resolved | None:
    """Give ``match`` a calendar value, or None when it has none (impossible date, nothing to count from).

    ``reference`` is the date in force, None when there is none yet: backward phrases ("the day before") then
    count from the article date and forward ones ("the next day") have no value.
    """
    vocab = vocab or vocabulary()
    config = config or DEFAULT_DATING_CONFIG
    if match.relative is not None:
        return _resolve_relative(match, match.relative, article, reference, vocab)
    year_anchor = article or reference
    month_name = match.part("month")
    month = vocab.months[month_name] if month_name else None
    try:
        if match.rule == "iso":
            value = date(int(match.part("year") or 0), int(match.part("mnum") or 0), int(match.part("day") or 0))
            return Resolved(value, "day", "explicit")
        if match.rule in DAY_RULES and month is not None:
            return _resolve_day(match, month, year_anchor, tense, config)
    except ValueError:
        log.debug("impossible date ignored: %r", match.text)
        return None
    if match.rule in MONTH_RULES and month is not None:
        return _resolve_month(match, month, year_anchor, tense, config)
    if match.rule == "weekday":
        return _resolve_weekday(match, article, tense, vocab)
    return _resolve_coarse(match, year_anchor)


def _resolve_coarse(match: TemporalMatch, year_anchor: date | None) -> Resolved | None:
    """Resolve a year ("in 2012") or a decade ("the 1990s", "the '90s": the one before the anchor's year)."""
    if match.rule == "year":
        return Resolved(date(int(match.part("year") or 0), 1, 1), "year", "explicit")
    if match.rule != "decade":
        return None
    full = match.part("decade")
    if full:
        return Resolved(date(int(full), 1, 1), "decade", "explicit")
    short = int(match.part("short") or 0)
    if year_anchor is None:
        return None
    century = year_anchor.year // 100 * 100
    year = century + short if century + short <= year_anchor.year else century - 100 + short
    return Resolved(date(year, 1, 1), "decade", "explicit")
