"""Named occasions with a calendar date (``data/dating_events.json``): weekly shows, holidays, numbered debates.

A reader dates "said on *Face the Nation*" to the Sunday before the article and "in *the first debate*" to
the night of that debate; these are the named events a newsroom's readers know without being told. They are
matched like any temporal expression, and so date a statement only from its reporting clause.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from bot.extraction.dating.calendar import Resolved, Tense, nth_weekday, resolve
from bot.extraction.dating.config import DatingConfig
from bot.extraction.dating.expressions import TemporalMatch
from bot.extraction.dating.vocabulary import Vocabulary

EVENTS_FILE = "dating_events.json"
EventKind = Literal["weekly", "holiday", "event"]
DAYS_IN_WEEK = 7


@dataclass(frozen=True, slots=True)
class NamedEvent:
    """One named occasion of the data file, compiled."""

    pattern: re.Pattern[str]
    kind: EventKind
    month: int = 0
    day: int = 0
    weekday: int = 0
    nth: int = 0
    plus_days: int = 0
    dates: tuple[tuple[int, date], ...] = ()
    # Words of which the text must hold one for the pattern to match (a cheap test before the regex).
    keywords: tuple[str, ...] = ()


_OPTIONAL_GROUP = re.compile(r"\(\?:[^()]*\)\?")
_CHAR_CLASS = re.compile(r"\[[^\]]*\]")


def required_words(name: str) -> tuple[str, ...]:
    """Return, per top-level alternative of a name pattern, its longest word that every match contains."""
    words: list[str] = []
    # Optional groups first (they may hold alternatives of their own), then the top-level alternatives.
    for alternative in _CHAR_CLASS.sub(" ", _OPTIONAL_GROUP.sub(" ", name)).split("|"):
        words.append(max(re.findall(r"[A-Za-z]+", alternative), key=len))
    return tuple(words)


def _event(item: dict[str, Any], kind: EventKind) -> NamedEvent:
    dates = tuple((int(y), date.fromisoformat(d)) for y, d in item.get("dates", {}).items())
    return NamedEvent(pattern=re.compile(rf"(?<!\w)(?:{item['name']})(?!\w)"), kind=kind,
                      month=int(item.get("month", 0)), day=int(item.get("day", 0)),
                      weekday=int(item.get("weekday", 0)), nth=int(item.get("nth", 0)),
                      plus_days=int(item.get("plus_days", 0)), dates=dates, keywords=required_words(item["name"]))


@lru_cache(maxsize=1)
def named_events() -> tuple[NamedEvent, ...]:
    """Load and compile the named occasions (once)."""
    raw: dict[str, Any] = json.loads(
        resources.files("bot.extraction").joinpath("data", EVENTS_FILE).read_text(encoding="utf-8"))
    return (*(_event(i, "weekly") for i in raw["weekly"]), *(_event(i, "holiday") for i in raw["holidays"]),
            *(_event(i, "event") for i in raw["events"]))


def holiday_in(event: NamedEvent, year: int) -> date:
    """Return the holiday's date in ``year``: a fixed day, or the nth weekday of its month (-1: the last)."""
    if event.day:
        return date(year, event.month, event.day)
    if event.nth > 0:
        first = date(year, event.month, 1)
        day = first + timedelta(days=(event.weekday - first.weekday()) % DAYS_IN_WEEK + DAYS_IN_WEEK * (event.nth - 1))
    else:
        after = date(year + event.month // 12, event.month % 12 + 1, 1)
        day = nth_weekday(after - timedelta(days=1), event.weekday, -1, strict=False)
    return day + timedelta(days=event.plus_days)


def resolve_named(event: NamedEvent, article: date | None, tense: Tense, year_window: int) -> Resolved | None:
    """Give a named occasion its date around the article date, or None (no article date, not in the table)."""
    if article is None:
        return None
    if event.kind == "weekly":
        return Resolved(nth_weekday(article, event.weekday, -1, strict=False), "day", "explicit")
    if event.kind == "event":
        value = dict(event.dates).get(article.year)
        return Resolved(value, "day", "explicit") if value is not None and value <= article else None
    candidates = {holiday_in(event, y) for y in range(article.year - year_window, article.year + year_window + 1)}
    if tense == "past":
        candidates = {c for c in candidates if c <= article} or candidates
    elif tense == "future":
        candidates = {c for c in candidates if c >= article} or candidates
    return Resolved(min(candidates, key=lambda c: (abs((c - article).days), c)), "day", "explicit")


@lru_cache(maxsize=256)
def _any_event(indices: tuple[int, ...]) -> re.Pattern[str]:
    """Return one pattern for the given named occasions (group ``e<index>``): one scan of the text, not one each."""
    events = named_events()
    return re.compile("|".join(f"(?P<e{i}>{events[i].pattern.pattern})" for i in indices))


def match_named(text: str) -> list[TemporalMatch]:
    """Return the named occasions of ``text`` as temporal matches of the rule ``named``."""
    # Only the occasions whose words occur in the text are scanned for (most articles name none).
    present = tuple(i for i, e in enumerate(named_events()) if any(word in text for word in e.keywords))
    if not present:
        return []
    return [TemporalMatch(m.start(), m.end(), m.group(0), "named", (("event", (m.lastgroup or "e0")[1:]),))
            for m in _any_event(present).finditer(text)]


def resolve_any(match: TemporalMatch, *, article: date | None, reference: date | None, tense: Tense,
                vocab: Vocabulary, config: DatingConfig) -> Resolved | None:
    """Resolve a named occasion here, any other expression with :func:`calendar.resolve`."""
    if match.rule == "named":
        event = named_events()[int(match.part("event") or 0)]
        return resolve_named(event, article or reference, tense, config.year_window)
    return resolve(match, article=article, reference=reference, tense=tense, vocab=vocab, config=config)
