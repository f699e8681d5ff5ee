"""Temporal expressions in plain text: where the vocabulary matches, and what precision the match has."""

from __future__ import annotations

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


def _all_matches(text: str, vocab: Vocabulary) -> list[TemporalMatch]:
    found: list[TemporalMatch] = []
    for name, pattern in vocab.absolute:
        for m in pattern.finditer(text):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), name, parts))
    folded = text.casefold()
    for rule in vocab.relative:
        if not all(word in folded for word in rule.keywords):
            continue  # cheap: most phrases cannot occur in a given article
        for m in rule.pattern.finditer(text):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), "relative", parts, rule))
    return found


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
