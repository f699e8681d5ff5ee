"""The temporal vocabulary of ``data/dating_words.json``: month and weekday tables, relative phrases, compiled.

Month and weekday names are matched capitalised only (so "may" and "march" as verbs are not dates); every
other phrase case-insensitively. The data file's ``_comment`` describes each table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from bot.extraction.model import DatePrecision

Precision = DatePrecision
Anchor = Literal["article", "reference"]

DATA_FILE = "dating_words.json"
# The determiners of an occasion that frames a sentence with its time: "In his statement Saturday, ...".
OCCASION_DETERMINERS: tuple[str, ...] = ("his", "her", "their", "its", "a", "an", "the")
# The parts of an absolute date, as named groups the calendar reads (see TemporalMatch.part).
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\w)"
_ISO = r"(?<![\w-])(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?![\w-])"
# A year on its own ("in 2012", "a 2014 study"): not part of a number, an amount, a range or a score.
_BARE_YEAR = r"(?<![\w$£€.,:/-])(?P<year>(?:1[89]|20)\d\d)(?![\w%:/-]|[.,]\d)"
# A decade: "the 1990s", "the '90s", "the 90s".
_DECADE = r"(?<!\w)(?i:the\s+)(?:(?P<decade>(?:1[89]|20)\d0)|['’]?(?P<short>\d0))s(?!\w)"
# A counted number written in digits: "2 days later", "10 weeks ago".
_COUNT_DIGITS = r"\d{1,3}"


@dataclass(frozen=True, slots=True)
class RelativeRule:
    """One relative phrase of the data file, compiled."""

    pattern: re.Pattern[str]
    anchor: Anchor
    unit: Precision
    offset: int
    counted: bool
    # Words every match contains (casefolded): a text without one of them is not scanned for this phrase.
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The temporal vocabulary of ``data/dating_words.json`` with its regexes compiled."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    relative: tuple[RelativeRule, ...]
    month_prepositions: frozenset[str]
    month_determiners: frozenset[str]
    non_point_prepositions: frozenset[str]
    communication_nouns: frozenset[str]
    occasion_synonyms: dict[str, str]
    story_occasions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    habitual_adverbs: frozenset[str]
    framing_prefix: re.Pattern[str]
    # The name every match of an absolute rule contains (a month's or a weekday's), found by one scan of the text,
    # so the rule's own pattern runs only around where the name occurs (``expressions._all_matches``).
    name_patterns: dict[str, re.Pattern[str]]
    absolute_names: dict[str, str]


# Which name (a key of ``Vocabulary.name_patterns``) every match of an absolute rule holds.
_ABSOLUTE_NAMES = {"weekday_date": "weekday", "month_day": "month", "day_month": "month", "month_year": "month",
                   "month": "month", "weekday": "weekday"}


def required_words(phrase: str) -> tuple[str, ...]:
    """Return the words every match of a relative ``phrase`` of the data file contains.

    Optional and alternative parts (``(?:…)``, ``s?``) and the counted number ``{n}`` are left out.
    """
    fixed = re.sub(r"\(\?:[^()]*\)\??", " ", phrase).replace("{n}", " ")
    fixed = re.sub(r".\?", "", fixed)
    return tuple(dict.fromkeys(re.findall(r"[a-z]+", fixed.lower())))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _absolute_patterns(raw: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compile the absolute expressions, most specific first: ISO dates, days of a month, months, weekdays."""
    month = rf"(?P<month>{_alternation(raw['months'])})(?![\w])"
    weekday = rf"(?P<weekday>{_alternation(raw['weekdays'])})(?!\w)"
    wmod = rf"(?:(?P<wmod>(?i:{_alternation(m for m in raw['weekday_modifiers'] if m != 'on')}))\s+)?"
    tod = rf"(?:\s+(?i:{_alternation(raw['times_of_day'])}))?"
    mmod = rf"(?:(?P<mmod>(?i:{_alternation(raw['month_modifiers'])}))\s*)?"
    return (
        ("iso", re.compile(_ISO)),
        ("weekday_date", re.compile(rf"(?<!\w){weekday}{tod},?\s+{month}\s+{_DAY}(?:,?\s+{_YEAR})?")),
        ("month_day", re.compile(rf"(?<!\w){month}\s+{_DAY}(?:,?\s+{_YEAR})?")),
        ("day_month", re.compile(rf"(?<![\w.]){_DAY}\s+(?:of\s+)?{month}(?:,?\s+{_YEAR})?")),
        ("month_year", re.compile(rf"(?<!\w){mmod}{month}\s+{_YEAR}")),
        ("month", re.compile(rf"(?<!\w){mmod}{month}")),
        ("weekday", re.compile(rf"(?<!\w){wmod}{weekday}{tod}")),
        ("decade", re.compile(_DECADE)),
        ("year", re.compile(_BARE_YEAR)),
    )


def _relative_rules(raw: dict[str, Any]) -> tuple[RelativeRule, ...]:
    number = rf"(?P<n>{_alternation(raw['numbers'])}|{_COUNT_DIGITS})"
    return tuple(
        RelativeRule(
            pattern=re.compile(r"(?<!\w)(?i:" + item["phrase"].replace("{n}", number) + r")(?!\w)"),
            anchor=item["anchor"], unit=item["unit"], offset=int(item["offset"]),
            counted="{n}" in item["phrase"], keywords=required_words(item["phrase"]),
        )
        for item in raw["relative"]
    )


def _framing_prefix(raw: dict[str, Any]) -> re.Pattern[str]:
    """Compile what may precede a framing adverbial in its sentence: "And then, on" + "Thursday,", or the
    occasion it dates: "In his statement" + "Saturday,", "At a rally on" + "Tuesday,"."""
    prepositions = _alternation(raw["framing_prepositions"])
    occasion = (rf"(?:{prepositions})\s+(?:{_alternation(OCCASION_DETERMINERS)})\s+(?:[\w’'-]+\s+){{0,2}}?"
                rf"(?:{_alternation(raw['communication_nouns'])})\s+(?:on\s+)?")
    framing = (rf"(?i:(?:(?:{_alternation(raw['framing_connectors'])})\W+)*"
               rf"(?:{occasion}|(?:{prepositions})\s+)?)")
    return re.compile(framing + r"\Z")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load and compile the temporal vocabulary (once)."""
    raw: dict[str, Any] = json.loads(
        resources.files("bot.extraction").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))
    return Vocabulary(
        months=raw["months"], weekdays=raw["weekdays"], numbers=raw["numbers"],
        absolute=_absolute_patterns(raw), relative=_relative_rules(raw),
        month_prepositions=frozenset(raw["month_prepositions"]),
        month_determiners=frozenset(raw["month_determiners"]),
        non_point_prepositions=frozenset(raw["non_point_prepositions"]),
        communication_nouns=frozenset(raw["communication_nouns"]),
        occasion_synonyms={word: group[0] for group in raw["occasion_synonyms"] for word in group},
        story_occasions=frozenset(raw["story_occasions"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        habitual_adverbs=frozenset(raw["habitual_adverbs"]),
        framing_prefix=_framing_prefix(raw),
        name_patterns={"month": re.compile(rf"(?:{_alternation(raw['months'])})(?![\w])"),
                       "weekday": re.compile(rf"(?:{_alternation(raw['weekdays'])})(?!\w)")},
        absolute_names=_ABSOLUTE_NAMES,
    )
