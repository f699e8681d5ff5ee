"""User search words to each engine's query text: all words required, "..." kept as a phrase, nothing else.

The words are rebuilt from word characters only, so no syntax of user input (FTS5's quotes, AND/OR/NOT/NEAR,
``*``, ``^``, parentheses and column filters; ``websearch_to_tsquery``'s ``or`` and ``-``) survives: every
term reaches the engine as a quoted phrase, and the text goes to the query as a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PHRASE = re.compile(r'"([^"]*)"')
# FTS5's tokenizer splits on anything but word characters, so a term is a run of them.
_FTS5_WORD = re.compile(r"\w+")
# PostgreSQL's parser keeps "U.S." and "well-known" whole (and indexes them so), so a term keeps the dots,
# apostrophes and hyphens inside a word; a quote mark, the only character with a meaning inside a phrase,
# never gets in.
_TS_WORD = re.compile(r"\w(?:[\w.'’-]*\w)?\.?")
MAX_SEARCH_TERMS = 16


def _pieces(text: str) -> Iterator[tuple[bool, str]]:
    """Yield (is a phrase, text) for the user's text: what is inside "..." and what is outside."""
    last = 0
    for m in _PHRASE.finditer(text):
        yield False, text[last:m.start()]
        yield True, m.group(1)
        last = m.end()
    yield False, text[last:]


def _quoted_terms(text: str, word: re.Pattern[str]) -> str | None:
    parts: list[str] = []
    for is_phrase, piece in _pieces(text):
        words = word.findall(piece.replace("_", " "))
        if not words:
            continue
        if is_phrase and len(words) > 1:
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in words)
    parts = parts[:MAX_SEARCH_TERMS]
    return " ".join(parts) if parts else None


def match_query(text: str) -> str | None:
    """Turn user words into a safe FTS5 query (all words required, "..." kept as phrases), or None."""
    return _quoted_terms(text, _FTS5_WORD)


def websearch_text(text: str) -> str | None:
    """Turn user words into safe ``websearch_to_tsquery`` text (all words required, phrases kept), or None."""
    return _quoted_terms(text, _TS_WORD)
