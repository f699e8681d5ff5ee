"""Whether two statements have the same voice: one speaker under the names an article gives it.

News writing names a source fully once and then shortens it: "The International Monetary Fund" becomes "the
IMF" and "the fund", "the IMF report" speaks for it, and "IMF chief economist Maury Obstfeld" speaks from it.
Following the occasion of a voice across paragraphs needs these to be one voice; two different people who
share a surname ("Hillary Clinton", "Bill Clinton") are not.
"""

from __future__ import annotations

import re

from bot.extraction.model import Statement

# Words that say nothing about who speaks.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "'s", "’s"})
_WORD = re.compile(r"[\w'’.-]+")
MIN_ACRONYM = 2


def _words(name: str | None) -> list[str]:
    return [w for w in _WORD.findall(name or "") if w.casefold() not in _FUNCTION_WORDS]


def _acronym(words: list[str]) -> str | None:
    capitals = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in capitals).casefold() if len(capitals) >= MIN_ACRONYM else None


def _names(name: str | None) -> tuple[set[str], str | None, str | None]:
    """Return a name's words (casefolded), its acronym, and its head word when it is a description ("the fund")."""
    words = _words(name)
    folded = {w.casefold() for w in words}
    description = bool(name) and (name or "")[:4].casefold() == "the " and (name or "")[4:5].islower()
    head = words[-1].casefold() if words and (description or len(words) == 1) else None
    return folded, _acronym(words), head


def _one_way(a: Statement, b: Statement) -> bool:
    words_a, acronym_a, head_a = _names(a.speaker)
    words_b, _, _ = _names(b.speaker)
    if acronym_a and acronym_a in words_b:
        return True  # "International Monetary Fund" / "the IMF report"
    if head_a and head_a in words_b:
        return True  # "the fund" / "International Monetary Fund"; "Obstfeld" / "Maury Obstfeld"
    role = {w.casefold() for w in _words(b.speaker_role)}
    return bool(role) and (bool(acronym_a and acronym_a in role) or (len(words_a) == 1 and words_a <= role))


def same_voice(a: Statement, b: Statement) -> bool:
    """Return True when ``a`` and ``b`` are said by one speaker (or one speaks for the other's organisation)."""
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.casefold() == b.speaker.casefold():
        return True
    return _one_way(a, b) or _one_way(b, a)
