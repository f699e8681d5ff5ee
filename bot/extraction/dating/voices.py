"""Whether two statements have the same voice: one speaker under the names an article gives it.

News writing names a source fully once and then shortens it: "The International Monetary Fund" becomes "the
IMF" and "the fund", "the IMF report" speaks for it, and "IMF chief economist Maury Obstfeld" speaks from it.
Following the occasion of a voice across paragraphs needs these to be one voice; two different people who
share a surname ("Hillary Clinton", "Bill Clinton") are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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


@lru_cache(maxsize=1024)
def _names(name: str | None) -> tuple[frozenset[str], str | None, str | None]:
    """Return a name's words (casefolded), its acronym, and its head word when it is a description ("the fund")."""
    words = _words(name)
    folded = frozenset(w.casefold() for w in words)
    description = bool(name) and (name or "")[:4].casefold() == "the " and (name or "")[4:5].islower()
    head = words[-1].casefold() if words and (description or len(words) == 1) else None
    return folded, _acronym(words), head


Voice = tuple[str | None, str | None]  # (speaker, speaker_role)


def _one_way(a: Voice, b: Voice) -> bool:
    words_a, acronym_a, head_a = _names(a[0])
    words_b, _, _ = _names(b[0])
    if acronym_a and acronym_a in words_b:
        return True  # "International Monetary Fund" / "the IMF report"
    if head_a and head_a in words_b:
        return True  # "the fund" / "International Monetary Fund"; "Obstfeld" / "Maury Obstfeld"
    role = _names(b[1])[0]
    return bool(role) and (bool(acronym_a and acronym_a in role) or (len(words_a) == 1 and words_a <= role))


@lru_cache(maxsize=4096)
def _same(a: Voice, b: Voice) -> bool:
    if a[0] is None or b[0] is None:
        return False
    if a[0].casefold() == b[0].casefold():
        return True
    return _one_way(a, b) or _one_way(b, a)


def same_voice(a: Statement, b: Statement) -> bool:
    """Return True when ``a`` and ``b`` are said by one speaker (or one speaks for the other's organisation)."""
    return _same((a.speaker, a.speaker_role), (b.speaker, b.speaker_role))


def voice_ids(statements: Sequence[Statement]) -> list[int]:
    """Return a voice number for every statement: statements of one voice, directly or through others, share one.

    "IMF" and "the fund" are one voice when both match "International Monetary Fund" earlier in the article.
    Unattributed statements each get a voice of their own.
    """
    members: list[set[Voice]] = []
    ids: list[int] = []
    for st in statements:
        key: Voice = (st.speaker, st.speaker_role)
        matching = [] if st.speaker is None else [
            v for v, group in enumerate(members) if key in group or any(_same(key, m) for m in group)]
        if not matching:
            members.append({key})
            ids.append(len(members) - 1)
            continue
        voice = matching[0]
        for other in matching[1:]:  # the statement joins voices that were told apart so far
            members[voice] |= members[other]
            members[other] = set()
            ids = [voice if i == other else i for i in ids]
        members[voice].add(key)
        ids.append(voice)
    return ids
