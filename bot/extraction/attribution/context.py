"""What every attribution pass reads about one article, built once: the parse, the quotation marks, the lookups.

A :class:`Context` is immutable; the span helpers on it turn tokens into character offsets the way every pass
needs them (a subtree, a cue verb with its particle, a source mention cut to a readable length).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from bot.extraction.attribution.config import AttributionConfig
from bot.extraction.attribution.patterns import LABEL
from bot.extraction.cached import sentences
from bot.extraction.lexicon import CueLexicon, cues
from bot.extraction.quotes import QuoteRegion, continues_next_paragraph, quote_mask, quoted_regions
from bot.extraction.speakers import np_span as _np_span
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Chain = tuple[QuoteRegion, ...]
# A dateline ("MACAU (Reuters) – Top donor Sheldon Adelson said", "WASHINGTON — ...") ends at a dash or a
# line break: a source mention starts after the last one before its head.
DATELINE_BREAKS = frozenset({"\u2014", "\u2013", "--", "-"})


def is_dateline_break(tok: Token) -> bool:
    """Tell whether a token is a line break or a dash set apart by spaces (a hyphen inside a word is not)."""
    if "\n" in tok.text or tok.text in {"\u2014", "\u2013"}:
        return True
    spaced = tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)
    return tok.text in DATELINE_BREAKS and spaced


def _chains(text: str, regions: tuple[QuoteRegion, ...]) -> tuple[Chain, ...]:
    """Group regions into quotations: a paragraph-final unclosed quote continues into the next paragraph
    when that paragraph opens with a quotation mark (news style), unless it starts a new speaker's turn."""
    chains: list[Chain] = []
    i = 0
    while i < len(regions):
        chain = [regions[i]]
        while continues_next_paragraph(text, chain[-1]) and i + len(chain) < len(regions):
            nxt = regions[i + len(chain)]
            ps, _pe = line_bounds(text, nxt.start)
            if text[ps:nxt.start].strip() or LABEL.match(text, nxt.start + 1):
                break
            chain.append(nxt)
        chains.append(tuple(chain))
        i += len(chain)
    return tuple(chains)


LemmaIndex = Mapping[str, tuple[int, ...]]  # lower-cased lemma -> indices of its tokens, in order


def _lemma_index(doc: Doc) -> LemmaIndex:
    """Index the tokens of a parse by lower-cased lemma (one array read; one string lookup per distinct lemma)."""
    hashes = doc.to_array(LEMMA)
    if not len(hashes):
        return {}
    order = hashes.argsort(kind="stable")  # (array work: Python runs once per distinct lemma, not per token)
    ranked = hashes[order]
    cuts = [0, *((ranked[1:] != ranked[:-1]).nonzero()[0] + 1).tolist(), len(ranked)]
    strings, positions = doc.vocab.strings, order.tolist()
    out: dict[str, tuple[int, ...]] = {}
    for a, b in pairwise(cuts):
        word, idx = strings[int(ranked[a])].lower(), tuple(positions[a:b])
        out[word] = tuple(sorted(out[word] + idx)) if word in out else idx
    return out


def _with_lemma(index: LemmaIndex, words: frozenset[str]) -> list[int]:
    """Return the indices of the tokens whose lower-cased lemma is one of ``words``, in order."""
    return sorted(i for w in words.intersection(index) for i in index[w])


def _index(tok: Token) -> int:
    return tok.i


def _longest_run(toks: list[Token], banned: set[int]) -> list[Token]:
    """Return the longest run of consecutive tokens left once the ``banned`` indices are taken out."""
    runs: list[list[Token]] = []
    for t in toks:
        if t.i in banned:
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return max(runs, key=len) if runs else []


@dataclass(frozen=True, slots=True)
class Context:
    """One parsed article with its quotation regions, quote mask, sentences and quotation chains."""

    doc: Doc
    text: str
    lex: CueLexicon
    regions: tuple[QuoteRegion, ...]
    mask: bytearray
    sents: tuple[Span, ...]
    sent_starts: tuple[int, ...]  # the first token index of each sentence
    chains: tuple[Chain, ...]
    lemmas: LemmaIndex  # the passes visit only the tokens of their cue words, not every token
    lowers: tuple[int, ...]
    speech_at: tuple[int, ...]  # the indices of the tokens with a speech-verb lemma, in order
    question_at: frozenset[int]  # the indices of the tokens with a question-verb lemma
    reporting_at: tuple[int, ...]  # ... with a lemma of saying or of a reported object ("criticize"), in order

    @classmethod
    def build(cls, doc: Doc, text: str) -> Context:
        """Build the context of ``doc`` (whose text has the same character offsets as ``text``)."""
        regions = tuple(quoted_regions(text))
        sents = sentences(doc)
        lex, lemmas = cues(), _lemma_index(doc)
        return cls(doc, text, lex, regions, quote_mask(text, list(regions)), sents,
                   tuple(s.start for s in sents), _chains(text, regions), lemmas, tuple(doc.to_array(LOWER).tolist()),
                   tuple(_with_lemma(lemmas, lex.speech)), frozenset(_with_lemma(lemmas, lex.question)),
                   tuple(_with_lemma(lemmas, lex.reporting)))

    def tokens_with_lemma(self, lemmas: frozenset[str]) -> list[Token]:
        """Return the tokens whose lower-cased lemma is one of ``lemmas``, in document order."""
        return [self.doc[i] for i in _with_lemma(self.lemmas, lemmas)]

    def tokens_with_lower(self, word: str) -> list[Token]:
        """Return the tokens whose lower-cased form is ``word``, in document order."""
        h = self.doc.vocab.strings[word]
        return [self.doc[i] for i, x in enumerate(self.lowers) if x == h]

    def inside_quote(self, tok: Token) -> bool:
        """Tell whether a token starts inside quotation marks."""
        return bool(self.mask[tok.idx]) if tok.idx < len(self.mask) else False

    def sentence_of(self, tok: Token) -> Span:
        """Return the sentence of a token."""
        return self.sents[bisect_right(self.sent_starts, tok.i) - 1]

    def run_on_limit(self, tok: Token, start: int) -> int:
        """How far a content starting at ``start`` may run on: the end of ``tok``'s sentence, within the line."""
        return min(self.sentence_of(tok).end_char, line_bounds(self.text, start)[1])

    def sentence_at(self, char: int) -> int:
        """Return the index of the sentence holding a character offset (the last one past the end)."""
        for i, s in enumerate(self.sents):
            if s.start_char <= char < s.end_char:
                return i
        return len(self.sents) - 1

    def token_at(self, char: int) -> int:
        """Return the index of the token covering (or first after) a character offset."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def same_line(self, a: int, b: int) -> bool:
        """Tell whether two character offsets are in the same line (paragraph)."""
        return line_bounds(self.text, a) == line_bounds(self.text, b)

    def span_of(self, tokens: list[Token]) -> tuple[int, int]:
        """Return the character span from the first to the last of some tokens."""
        first = min(tokens, key=_index)
        last = max(tokens, key=_index)
        return first.idx, last.idx + len(last.text)

    def subtree_chars(self, head: Token, exclude: Token | None = None) -> tuple[int, int]:
        """Return the character span of a subtree; without ``exclude``'s subtree, its longest contiguous run."""
        toks = list(head.subtree)  # (not left_edge/right_edge: spaCy leaves them short of non-projective subtrees)
        if exclude is not None:
            toks = _longest_run(toks, {t.i for t in exclude.subtree})
        if not toks:
            return head.idx, head.idx
        return self.span_of(toks)

    def cue_span(self, verb: Token) -> tuple[int, int]:
        """Return the character span of a cue verb with its particle ("pointed out")."""
        start, end = verb.idx, verb.idx + len(verb.text)
        for child in verb.children:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                end = child.idx + len(child.text)
        return start, end

    def mention_range(self, tok: Token, cfg: AttributionConfig) -> tuple[int, int]:
        """Return the token range of the source mention headed by ``tok``, never running into a quotation."""
        left, right = _np_span(tok)
        for i in range(tok.i - 1, left - 1, -1):
            if is_dateline_break(self.doc[i]):
                left = i + 1
                break
        if right - left > cfg.max_mention_tokens:
            left = max(left, tok.i - cfg.mention_head_window)
            right = min(right, tok.i + 1)
        while left < tok.i and self.inside_quote(self.doc[left]):
            left += 1
        return left, right
