"""Regions of an article's text: paragraphs, sentences clipped to them, quoted words, and the parse's sentences."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.extraction.cached import sentences
from bot.extraction.text import dating_paragraph_starts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


class Sentences:
    """The sentences of a parsed doc, found by token index without a walk over the doc each time."""

    def __init__(self, doc: Doc) -> None:
        self._sents: list[Span] = list(sentences(doc))
        self._starts = [s.start for s in self._sents]

    def of(self, token_index: int) -> Span:
        """Return the sentence that holds the token at ``token_index``."""
        return self._sents[bisect_right(self._starts, token_index) - 1]

# What a paragraph is for dating: one definition, in bot.extraction.text.
paragraph_starts = dating_paragraph_starts


def paragraph_of(offset: int, starts: Sequence[int]) -> int:
    """Return the index of the paragraph (of ``starts``) that holds ``offset``."""
    return bisect_right(starts, offset) - 1


def unit_start(sentence_start: int, offset: int, paragraphs: Sequence[int]) -> int:
    """Return where the sentence around ``offset`` starts, never before the paragraph's start."""
    return max(sentence_start, paragraphs[paragraph_of(offset, paragraphs)])


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Return the spans of ``text`` inside quotation marks, marks included.

    A quotation never runs past its line: one left open runs to the end of its paragraph (the convention
    of a quotation over several paragraphs), so a stray mark does not turn the rest of the article inside out.
    """
    regions: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        pos = 0
        while (start := text.find(opening, pos)) >= 0:
            end = text.find(closing, start + 1)
            line_end = text.find("\n", start + 1)
            if 0 <= line_end < end or (end < 0 and line_end >= 0):
                regions.append((start, line_end))
                pos = line_end
                continue
            if end < 0:
                regions.append((start, len(text)))
                break
            regions.append((start, end + 1))
            pos = end + 1
    return regions


def inside(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    """Return True when ``start``..``end`` lies within one of ``regions``."""
    return any(a <= start and end <= b for a, b in regions)
