"""A statement before speaker resolution, and the one function that turns a raw span into one.

:func:`make` applies the span conventions of PolNeAR's annotation: a statement never crosses a paragraph break
(but a multi-paragraph quotation), leaves out trailing asides, a leading "that", edge punctuation, its own cue and
the writer's lead-in to a quotation, and includes both quotation marks of a quotation it opens or closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.extraction.attribution.boundaries import (
    cut_coordinated_cue,
    cut_trailing_aside,
    extend_over_completing_phrase,
    start_at_quotation,
)
from bot.extraction.attribution.ends import adjust_end
from bot.extraction.attribution.rejoin import start_at_split_subject
from bot.extraction.attribution.starts import start_after_dateline, start_at_quoted_clause_subject
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context
    from bot.extraction.quotes import QuoteRegion

Origin = Literal["verb", "paren", "according", "label", "direct", "floating"]
# Origins whose content is a syntactic span, so a trailing aside may be cut from it.
ASIDE_CUT_ORIGINS: frozenset[Origin] = frozenset({"verb", "according", "paren"})

_TRIM_START = " \t\n,;:—–-"
_TRIM_END = " \t\n,;:—–-."
_TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|but|or|nor|so|while|as)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement before speaker resolution."""

    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    mention: tuple[int, int] | None  # token range of the speaker mention
    inherit_from: int | None = None  # index of the candidate whose speaker this one takes
    cue_token: int | None = None  # token index of a verb cue (for the learned filter)
    rel: str = ""  # relation between cue and content ("ccomp", "dobj", "prep:for", "^parataxis", "paren")
    origin: Origin = "verb"


def word_count(text: str) -> int:
    """Count the words of a text that hold a letter or digit."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip edge punctuation, a trailing conjunction and a leading complementizer "that" from a span."""
    while start < end and text[start] in _TRIM_START:
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    m = _TRAILING_CONJUNCTION.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
        while end > start and text[end - 1] in _TRIM_END:
            end -= 1
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    return start, end


def balance_marks(text: str, start: int, end: int, regions: tuple[QuoteRegion, ...],
                  cfg: AttributionConfig) -> tuple[int, int]:
    """Extend a span that opens a quotation inside it to the closing mark (and vice versa), when the mark is
    close or in the same paragraph: the parser's subtree often stops at a comma inside the quoted words
    ('called Burma a “good news story in an era when so often we see ...”' ends at "era")."""
    within = cfg.balance_within_paragraph
    for r in regions:
        if start <= r.start < end < r.end and r.closed and (
                r.end - end <= cfg.balance_close_chars or (within and "\n" not in text[end:r.end])):
            end = r.end
        if r.closed and start < r.end <= end and r.start < start and (
                start - r.start <= cfg.balance_open_chars or (within and "\n" not in text[r.start:start])):
            start = r.start
    return start, end


def _clip_mention(ctx: Context, mention: tuple[int, int] | None,
                  bounds: tuple[int, int]) -> tuple[int, int] | None:
    """Cut a mention's token range to a paragraph (the cue's)."""
    if mention is None:
        return None
    left, right = mention
    while left < right and ctx.doc[left].idx < bounds[0]:
        left += 1
    while right > left and ctx.doc[right - 1].idx >= bounds[1]:
        right -= 1
    return (left, right) if right > left else None


def _past_saying_participle(ctx: Context, start: int, end: int) -> int:
    """ "released a statement saying Alberta would go to court": a content that opens with a participle of saying
    is that participle's complement clause."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return start
    first = span[0]
    if first.tag_ != "VBG" or first.lemma_.lower() not in ctx.lex.speech:
        return start
    clause = next((c for c in first.children if c.dep_ == "ccomp" and c.i > first.i), None)
    if clause is None or clause.right_edge.i >= span.end:
        return start
    return trim(ctx.text, clause.left_edge.idx, end)[0]


def _syntactic_bounds(ctx: Context, cfg: AttributionConfig, start: int, end: int, paragraph: tuple[int, int],
                      cue_token: Token | None, rel: str) -> tuple[int, int]:
    """Cut a syntactic content span: a dateline before it, its ends (:mod:`.ends`), a split subject, a second
    cue's clause and a trailing aside."""
    if cfg.skip_datelines:
        start = start_after_dateline(ctx.text, start, end, paragraph[0])
    if cue_token is not None:
        end = min(adjust_end(ctx, cfg, cue_token, start, end, rel), paragraph[1])
        if cfg.rejoin_split_clauses:
            start = start_at_split_subject(ctx, cue_token, start, end)
    if cfg.cut_coordinated_cues:
        end = cut_coordinated_cue(ctx, start, end, cfg)
    return start, cut_trailing_aside(ctx, start, end, cfg)


def make(ctx: Context, cfg: AttributionConfig, start: int, end: int, cue: tuple[int, int] | None,
         mention: tuple[int, int] | None, origin: Origin, *, multi: bool = False, min_words: int = 2,
         cue_token: Token | None = None, rel: str = "") -> Candidate | None:
    """Return the candidate for a raw content span, clipped, trimmed and balanced (None when too short)."""
    text = ctx.text
    if origin == "direct" and cfg.start_at_quoted_subject:
        start = start_at_quoted_clause_subject(ctx, start, end, cue, mention)
    # Clip to the paragraph of the cue (or of the span's start) unless it is a multi-paragraph quotation.
    anchor = cue[0] if cue is not None and start <= cue[0] < end else start
    if cue is not None and not (start <= cue[0] < end):
        anchor = start if abs(cue[0] - start) < abs(cue[0] - end) else max(start, end - 1)
    ps, pe = line_bounds(text, anchor)
    if not multi:
        start, end = max(start, ps), min(end, pe)
    else:
        ps, pe = line_bounds(text, cue[0]) if cue is not None else (ps, pe)
    cue_par = line_bounds(text, cue[0]) if cue is not None else (ps, pe)
    mention = _clip_mention(ctx, mention, cue_par)
    if origin == "verb" and cue_token is not None and cfg.extend_to_phrase:
        end = min(extend_over_completing_phrase(ctx, cue_token, start, end, cfg.extend_over_prep), pe)
    if origin in ASIDE_CUT_ORIGINS:
        start, end = _syntactic_bounds(ctx, cfg, start, end, (ps, pe), cue_token, rel)
    start, end = trim(text, start, end)
    start, end = balance_marks(text, start, end, ctx.regions, cfg)
    if cue is not None and cue[0] >= end:
        start = start_at_quotation(ctx, start, end, cfg.quote_lead_punct)
    if origin == "verb" and cue is not None and cfg.start_after_own_cue and start < cue[0] and cue[1] < end:
        start, end = trim(text, cue[1], end)
    if origin == "verb" and cfg.skip_saying_participle:
        start = _past_saying_participle(ctx, start, end)
    if end - start < 2 or word_count(text[start:end]) < min_words:
        return None
    return Candidate(start, end, cue[0] if cue else None, cue[1] if cue else None, mention, origin=origin,
                     cue_token=cue_token.i if cue_token is not None else None, rel=rel)
