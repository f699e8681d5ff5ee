"""Temporal expressions in plain text: where the vocabulary matches, and what precision the match has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.extraction.dating.vocabulary import Precision, RelativeRule, Vocabulary, vocabulary

# Absolute rules whose value is a whole month ("last September", "August 2020").
MONTH_RULES = frozenset({"month", "month_year"})
# The precision of every other absolute rule that is not a day.
COARSE_RULES: dict[str, Precision] = {"year": "year", "decade": "decade"}


@dataclass(frozen=True, slots=True)
class TemporalMatch:
    """A temporal expression found in the text by the rules: where, which rule, and its parts."""

    start: int
    end: int
    text: str
    rule: str
    parts: tuple[tuple[str, str], ...]
    relative: RelativeRule | None = None

    def part(self, name: str) -> str | None:
        """Return a named part of the match ("month", "day", "year", "weekday", "wmod", "mmod", "n")."""
        return dict(self.parts).get(name)


# Longer than any relative phrase of data/dating_words.json ("more than eleven years ago" and the like).
WINDOW_CHARS = 120


def _named_windows(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of text around each occurrence of a month's or weekday's name, merged where they overlap."""
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        lo, hi = max(0, m.start() - WINDOW_CHARS), min(len(text), m.end() + WINDOW_CHARS)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _scan(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Every match of ``pattern`` inside ``spans`` (stretches of ``text`` that hold every match it has)."""
    for lo, hi in spans:
        for m in pattern.finditer(text, lo, hi):
            if hi < len(text) and m.end() >= hi:
                continue  # (cut by the window's end, where a lookahead sees no next character)
            yield m


def _all_matches(text: str, vocab: Vocabulary) -> list[TemporalMatch]:
    found: list[TemporalMatch] = []
    named = {key: _named_windows(text, pattern) for key, pattern in vocab.name_patterns.items()}
    whole = [(0, len(text))]
    for name, pattern in vocab.absolute:
        key = vocab.absolute_names.get(name)
        for m in _scan(pattern, text, whole if key is None else named[key]):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), name, parts))
    folded = text.casefold()
    aligned = len(folded) == len(text)  # (casefold may lengthen a character: then offsets would not match)
    for rule in vocab.relative:
        if not all(word in folded for word in rule.keywords):
            continue  # cheap: most phrases cannot occur in a given article
        # (around the rarest of its words: "the" is everywhere, "yesterday" is not)
        spans = _windows(folded, min(rule.keywords, key=folded.count)) if aligned and rule.keywords else whole
        for m in _scan(rule.pattern, text, spans):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), "relative", parts, rule))
    return found


def _windows(folded: str, word: str) -> list[tuple[int, int]]:
    """The stretches of text around each occurrence of a phrase's required word, merged where they overlap: a
    match holds the word and is shorter than ``WINDOW_CHARS``, so scanning these finds every match, without
    running the phrase's pattern from every character of the article."""
    out: list[tuple[int, int]] = []
    pos = folded.find(word)
    while pos >= 0:
        lo, hi = max(0, pos - WINDOW_CHARS), min(len(folded), pos + len(word) + WINDOW_CHARS)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
        pos = folded.find(word, pos + 1)
    return out


def match_temporal(text: str, vocab: Vocabulary | None = None) -> list[TemporalMatch]:
    """Return the temporal expressions the rules recognise in ``text``, longest first where they overlap."""
    return longest_first(_all_matches(text, vocab or vocabulary()))


def longest_first(found: list[TemporalMatch]) -> list[TemporalMatch]:
    """Return ``found`` in text order without overlaps, keeping the longest of those that start together."""
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TemporalMatch] = []
    for t in found:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(t)
    return kept


def date_precision(date_text: str | None) -> Precision | None:
    """Return the precision ("day", "week", "month", "year", "decade") of the date an expression gives, or None."""
    if not date_text:
        return None
    found = match_temporal(date_text)
    if not found:
        return None
    t = found[0]
    if t.relative is not None:
        return t.relative.unit
    return "month" if t.rule in MONTH_RULES else COARSE_RULES.get(t.rule, "day")
