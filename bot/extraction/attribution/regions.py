"""What a quotation region is (a title, a sentence of its own, a clause) and which cue reports it.

The cue of a quotation is a speech verb with a subject outside the marks, in the sentences the quotation
touches (or right after it), or the verb of an introducing sentence ending in a colon (textacy's
``direct_quotations`` looks the same way for a cue beside the marks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import word_count
from bot.extraction.attribution.patterns import DASH_NAME
from bot.extraction.attribution.predicates import asks_aloud, subject_of
from bot.extraction.lexicon import VERB_POS
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context
    from bot.extraction.quotes import QuoteRegion

SENTENCE_END = frozenset({".", "?", "!", "\u2026"})
# What may stand just before a quotation that opens a sentence (looking back over a few spaces).
_SENTENCE_OPENERS = ".?!:\n\u201d\""
_OPENER_LOOKBACK_CHARS = 3
# Verbs of the manner clause "as X put it" that report the quotation beside them ("As Vulture put it, “...”").
_MANNER_CUES = frozenset({"put"})
_AS_DEPS = frozenset({"mark", "prep"})
# Words a title of a work may keep in lower case.
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "at", "by"})


def dash_attribution(ctx: Context, region: QuoteRegion) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``“...” ― Sonya Herridge``: a name after a dash right behind the closing mark (testimonial style)."""
    if not region.closed:
        return None
    m = DASH_NAME.match(ctx.text, region.end)
    if m is None:
        return None
    span = ctx.doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return (m.start("dash"), m.end("dash")), (span.start, span.end)


def is_title(ctx: Context, region: QuoteRegion) -> bool:
    """A quoted title of a work or show ("The Steve Harvey Morning Show"): title case, no final punctuation."""
    inner = ctx.text[region.inner_start:region.inner_end]
    words = [w for w in inner.split() if any(c.isalpha() for c in w)]
    if not words or inner.rstrip()[-1:] in SENTENCE_END:
        return False  # (a comma inside the marks is American style, titles included: “Fox News Sunday,”)
    if "\n" not in ctx.text[:region.start]:
        return False  # headlines are title case: ‘Directly To White People’ there is a quote
    capital = sum(1 for w in words if w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS)
    return capital == len(words) and sum(1 for w in words if w[0].isupper()) >= max(1, len(words) // 2)


def stands_as_sentence(ctx: Context, region: QuoteRegion) -> bool:
    """A quotation that is a whole sentence of its own: starts a sentence, ends with its own full stop."""
    before = ctx.text[max(0, region.start - _OPENER_LOOKBACK_CHARS):region.start].rstrip(" \u00a0")
    starts = not before or before[-1] in _SENTENCE_OPENERS
    inner_end = ctx.text[region.inner_start:region.inner_end].rstrip()
    ends = bool(inner_end) and inner_end[-1] in SENTENCE_END
    return starts and ends


def opens_a_sentence(ctx: Context, region: QuoteRegion) -> bool:
    """A quotation that starts a sentence and ends with its own clause punctuation inside the closing mark: the
    British ‘We have a mandate.’ or ‘It’s a disgrace,’ said one MP (a scare quote does neither) — but not a
    paragraph of its own: "'A really tough decision.'" on its own line is a subhead (NYT, USA Today)."""
    ps, pe = line_bounds(ctx.text, region.start)
    if not ctx.text[ps:region.start].strip() and not ctx.text[region.end:pe].strip():
        return False
    before = ctx.text[max(0, region.start - _OPENER_LOOKBACK_CHARS):region.start].rstrip(" \u00a0")
    inner_end = ctx.text[region.inner_start:region.inner_end].rstrip()
    return (not before or before[-1] in _SENTENCE_OPENERS) and bool(inner_end) and (
        inner_end[-1] in SENTENCE_END or inner_end[-1] == ",")


def looks_like_speech(ctx: Context, cfg: AttributionConfig, region: QuoteRegion) -> bool:
    """A cue-less quotation counts when it is at least a clause (has a verb) and stands as a sentence."""
    toks = list(ctx.doc.char_span(region.inner_start, region.inner_end, alignment_mode="expand") or [])
    return any(t.pos_ in VERB_POS for t in toks) and word_count(
        ctx.text[region.inner_start:region.inner_end]) >= cfg.min_direct_words


def quotable(ctx: Context, cfg: AttributionConfig, region: QuoteRegion, cue: Token | None = None) -> bool:
    """Whether a quotation can be a statement of its own rather than a quoted fragment of a sentence:
    a clause, a whole sentence, or a quotation closed by its own cue clause ("...," she said)."""
    inner = ctx.text[region.inner_start:region.inner_end]
    words = word_count(inner)
    if words >= cfg.min_direct_words and looks_like_speech(ctx, cfg, region):
        return True
    if stands_as_sentence(ctx, region):
        return True
    if inner.rstrip()[-1:] == ",":
        # ''Hopefully,'' the president said, ''...'' -- but not a list of quoted phrases in a sentence.
        return words >= 1 and cue is not None and 0 <= cue.idx - region.end <= cfg.quote_cue_gap_chars
    return words >= 2 and inner.rstrip()[-1:] in SENTENCE_END


def manner_cue(tok: Token) -> bool:
    """"As Rosenthal recently put it, ''Did Trump ...?''": ``as`` + subject + ``put it`` reports the words
    (the small model makes "as" the clause's mark, or a preposition when an apposition follows the subject)."""
    return tok.lemma_.lower() in _MANNER_CUES and any(c.dep_ in _AS_DEPS and c.lower_ == "as" for c in tok.children) \
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _sentence_cue(ctx: Context, cfg: AttributionConfig, region: QuoteRegion, si: int,
                  last: int) -> tuple[int, Token] | None:
    """The nearest speech verb with a subject in sentence ``si``, outside the marks, in the region's paragraph."""
    ps, pe = line_bounds(ctx.text, region.start)
    sent = ctx.sents[si]
    if si == last + 1 and not (region.end >= sent.start_char - cfg.next_sentence_gap_chars
                               and ps <= sent.start_char < pe):
        return None
    best: tuple[int, Token] | None = None
    for tok in sent:
        if not (ps <= tok.idx < pe) or ctx.inside_quote(tok) or tok.pos_ not in VERB_POS:
            continue
        if tok.lemma_.lower() not in ctx.lex.speech and not asks_aloud(ctx, tok) and not manner_cue(tok):
            continue
        subj = subject_of(ctx, tok)
        if subj is None:
            continue
        dist = min(abs(tok.idx - region.end), abs(tok.idx - region.start))
        # A cue in the next sentence only counts right after the quote ("...," she said. / "...!" Scott's
        # niece, state Del. Marcia Price, shouted).
        if si > last and dist > cfg.next_sentence_cue_chars and \
                subj.left_edge.idx - region.end > cfg.next_sentence_subject_chars:
            continue
        if best is None or dist < best[0]:
            best = (dist, tok)
    return best


def _colon_intro(ctx: Context, region: QuoteRegion) -> Token | None:
    """"X said:" / "Sanders made the following comment:" at the end of the sentence (or paragraph) before."""
    colon = len(ctx.text[:region.start].rstrip()) - 1
    if colon <= 0 or ctx.text[colon] != ":":
        return None
    intro = ctx.doc[ctx.sents[ctx.sentence_at(colon)].start:ctx.token_at(colon)]
    verbs = [t for t in intro if t.pos_ in VERB_POS and not ctx.inside_quote(t) and subject_of(ctx, t) is not None]
    speech = [t for t in verbs if t.lemma_.lower() in ctx.lex.speech]
    return (speech or verbs)[-1] if speech or verbs else None


def cue_near_region(ctx: Context, cfg: AttributionConfig, region: QuoteRegion) -> Token | None:
    """A speech verb outside the region, in the sentences the region touches, with a subject."""
    first = ctx.sentence_at(region.start)
    last = ctx.sentence_at(max(region.start, region.end - 1))
    best: tuple[int, Token] | None = None
    for si in range(max(0, first), min(len(ctx.sents), last + 2)):
        found = _sentence_cue(ctx, cfg, region, si, last)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    if best is None:
        return _colon_intro(ctx, region)
    return best[1]
