"""Direct quotations: a quotation (one region, or a chain across paragraphs) with its cue, a dash byline, or none.

A quotation with a cue is a direct statement; one without a cue but shaped like speech is "floating" and takes
the speaker of the adjacent statement later (the GenderGapTracker's floating-quote rule, made stricter). The
pass also says what it does to the other passes' candidates, as data: a quoted title drops every candidate
inside it, and a candidate whose content lies inside a quotation grows to the whole quotation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make, trim, word_count
from bot.extraction.attribution.context import Chain
from bot.extraction.attribution.predicates import subject_of
from bot.extraction.attribution.regions import (
    cue_near_region,
    dash_attribution,
    is_title,
    looks_like_speech,
    opens_a_sentence,
    quotable,
    stands_as_sentence,
)

if TYPE_CHECKING:
    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context


# What ends a clause between a content and a quoted fragment that would otherwise go on with it.
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n]")
# Verbs that name something with the quoted words as its predicate ("called it ''predatory''", "labeled him a
# “failed candidate”", "referred to immigrants as “rapists”"): the statement is the thing named and the words.
_NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term", "describe", "refer", "deride", "denounce"})
# The thing named: the verb's object, or the object of its "to" ("referred to immigrants as ...").
_NAMED_OBJECT_DEPS = frozenset({"dobj", "pobj"})
# A byline right after the closing mark makes the quoted words a headline of someone's article, whatever its case
# (a newsletter's '—"Sam Mendes leaves ‘Chocolate Factory’ on its way to Broadway," by Times' Michael Paulson: ...').
# On all 840 PolNeAR train articles: 6 removed, none matching (dev: none).
_BYLINE_AFTER = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*by[ \t\u00a0]+[A-Z]")


@dataclass(frozen=True, slots=True)
class QuotationResult:
    """New candidates, and edits of the earlier ones by index: dropped (titles), snapped to a quotation."""

    candidates: tuple[Candidate, ...] = ()
    dropped: frozenset[int] = frozenset()
    snapped: Mapping[int, tuple[int, int]] = field(default_factory=dict)


def _edits(cfg: AttributionConfig, chain: Chain, start: int, end: int,
           earlier: Sequence[Candidate]) -> tuple[bool, dict[int, tuple[int, int]]]:
    """Whether earlier candidates already cover the quotation, and which ones grow to it."""
    first, last = chain[0], chain[-1]
    covered = False
    snaps: dict[int, tuple[int, int]] = {}
    for i, cand in enumerate(earlier):
        ov = min(cand.end, end) - max(cand.start, start)
        if ov <= 0:
            continue
        if cand.origin == "label":
            covered = True
        elif cand.start >= first.start and cand.end <= last.end:
            snaps[i] = (start, end)
            covered = True
        elif ov >= cfg.quotation_cover_share * (end - start):
            covered = True  # part of a mixed or larger statement
    return covered, snaps


def _joined(ctx: Context, cfg: AttributionConfig, chain: Chain, earlier: Sequence[Candidate]) -> int | None:
    """The earlier content of the quotation's own cue that the quoted fragment goes on ("described the ground
    underneath the city as ''Swiss cheese''"): it ends shortly before the marks with no clause break between."""
    region = chain[0]
    if len(chain) > 1 or stands_as_sentence(ctx, region):
        return None
    cue_tok = cue_near_region(ctx, cfg, region)
    if cue_tok is None:
        return None
    cue_start = ctx.cue_span(cue_tok)[0]
    for i, cand in enumerate(earlier):
        gap = ctx.text[cand.end:region.start]
        if cand.origin == "verb" and cand.cue_start == cue_start < cand.start and cand.end <= region.start and \
                len(gap) <= cfg.join_fragment_chars and not _CLAUSE_BREAK.search(gap):
            return i
    return None


def _naming(ctx: Context, cfg: AttributionConfig, chain: Chain, end: int) -> Candidate | None:
    """A quoted fragment that is the predicate of a naming verb: from the thing named to the closing mark."""
    region = chain[0]
    span = ctx.doc.char_span(region.inner_start, region.inner_end, alignment_mode="expand")
    if len(chain) > 1 or span is None or len(span) == 0:
        return None
    root = span.root
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
    elif root.dep_ != "oprd":
        return None
    if verb.lemma_.lower() not in _NAMING_VERBS or ctx.inside_quote(verb) or verb.i >= span.start:
        return None
    named = [t for t in (*verb.children, *(g for c in verb.children if c.lower_ == "to" for g in c.children))
             if t.dep_ in _NAMED_OBJECT_DEPS and verb.i < t.i < span.start]
    subj = subject_of(ctx, verb)
    if not named or subj is None:
        return None
    start = min(max(named, key=lambda t: t.i).left_edge.idx, region.start)
    return make(ctx, cfg, start, end, ctx.cue_span(verb), ctx.mention_range(subj, cfg), "direct", min_words=1)


def _quotation(ctx: Context, cfg: AttributionConfig, chain: Chain, start: int, end: int) -> Candidate | None:
    """The candidate of a quotation no earlier candidate covers: with a dash byline, a cue, or floating."""
    first, last = chain[0], chain[-1]
    multi = len(chain) > 1
    inner = ctx.text[first.inner_start:last.inner_end]
    dash = dash_attribution(ctx, last)
    if dash is not None:
        return make(ctx, cfg, start, end, dash[0], dash[1], "direct", multi=multi)
    cue_tok = cue_near_region(ctx, cfg, last) or (cue_near_region(ctx, cfg, first) if multi else None)
    if cue_tok is not None and (multi or quotable(ctx, cfg, first, cue_tok)):
        subj = subject_of(ctx, cue_tok)
        mention = ctx.mention_range(subj, cfg) if subj is not None else None
        one_word = inner.rstrip()[-1:] == ","  # ''Hopefully,'' the president said, ''...''
        return make(ctx, cfg, start, end, ctx.cue_span(cue_tok), mention, "direct", multi=multi,
                    min_words=1 if one_word else 2)
    words = word_count(inner)
    if multi or (words >= cfg.min_direct_words and looks_like_speech(ctx, cfg, first)) or (
            words >= 2 and stands_as_sentence(ctx, first)):
        return make(ctx, cfg, start, end, None, None, "floating", multi=multi)
    return None


def find(ctx: Context, cfg: AttributionConfig, earlier: Sequence[Candidate]) -> QuotationResult:
    """Return the quotation candidates of an article and the edits of the ``earlier`` (non-quotation) ones.

    Regions are disjoint and in order, so the edits one quotation makes never touch another quotation's."""
    out: list[Candidate] = []
    dropped: set[int] = set()
    snapped: dict[int, tuple[int, int]] = {}
    for chain in ctx.chains:
        first, last = chain[0], chain[-1]
        inner = ctx.text[first.inner_start:last.inner_end]
        if (len(chain) == 1 and not first.double and word_count(inner) < cfg.min_single_quote_words
                and not opens_a_sentence(ctx, first)):
            continue
        start, end = trim(ctx.text, first.inner_start, last.inner_end)
        if end <= start:
            continue
        if len(chain) == 1 and (is_title(ctx, first) or _BYLINE_AFTER.match(ctx.text, first.end)):
            # A quoted title is never a statement, whatever cue governs it ("said on CBS's "Face the Nation"").
            dropped.update(i for i, c in enumerate(earlier)
                           if c.origin != "label" and c.start >= first.start and c.end <= first.end)
            continue
        covered, snaps = _edits(cfg, chain, start, end, earlier)
        snapped.update(snaps)
        if covered:
            continue
        joined = _joined(ctx, cfg, chain, earlier) if cfg.join_fragment_chars else None
        if joined is not None:
            snapped[joined] = (earlier[joined].start, last.end if last.closed else end)  # (with its closing mark)
            continue
        cand = _quotation(ctx, cfg, chain, start, end) or _naming(ctx, cfg, chain, end)
        if cand is not None:
            out.append(cand)
    return QuotationResult(tuple(out), frozenset(dropped), snapped)
