""""According to X, ...": the source is the object of "to", the content the clause "according" modifies with the
clauses coordinated to it, within its sentence (PARC treats "according to" as a cue like a reporting verb; on all
840 PolNeAR train articles the annotators' content took every coordinated clause: "Trump received 37 percent,
Clinton had 36 percent and Bloomberg snagged 13 percent, according to the poll")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.lexicon import VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# The clause an "according to" phrase reports: climb to the first of these (or to a verb).
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})


def _source(to: Token, according: Token) -> Token | None:
    """The object of "to" (or of "according"), or the phrase after "to" when the parser made it a clause."""
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in according.children if c.dep_ == "pobj"), None)
    if pobj is None:
        # "according to show insiders" with "show" mis-tagged as a verb: take the phrase after "to".
        pobj = next((c for c in to.children if c.dep_ == "pcomp"), None)
    return pobj


def _rootless(ctx: Context, cfg: AttributionConfig, according: Token, to: Token, pobj: Token) -> Candidate | None:
    """"According to Rush Limbaugh, the move reeks of ...", with "reeks" read as a plural noun: the parser found no
    verb for "according" to modify and hung the reported clause on the source as an appositive. Opening its
    sentence, the phrase then reports the rest of the sentence after the comma that closes the source."""
    sent = ctx.sentence_of(according)
    if according.i != sent.start:
        return None
    comma = next((t for t in ctx.doc[pobj.i + 1:sent.end] if t.text == ","), None)
    if comma is None or comma.i + 1 >= sent.end:
        return None
    mention = (to.i + 1, comma.i) if comma.i > to.i + 1 else ctx.mention_range(pobj, cfg)
    start = ctx.doc[comma.i + 1].idx
    return make(ctx, cfg, start, sent.end_char, (according.idx, to.idx + len(to.text)), mention, "according")


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the "according to" candidates of an article."""
    doc = ctx.doc
    out: list[Candidate] = []
    for tok in ctx.tokens_with_lower("according"):
        if tok.i + 1 >= len(doc) or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = _source(to, tok)
        head = tok.head
        if pobj is None:
            continue
        if head.i == tok.i:
            rootless = _rootless(ctx, cfg, tok, to, pobj) if cfg.according_rootless else None
            if rootless is not None:
                out.append(rootless)
            continue
        while head.dep_ not in _CLAUSE_DEPS and head.head.i != head.i and head.pos_ not in VERB_POS:
            head = head.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # (all the coordinated clauses: "A had 37 percent and B 13 percent, according to ...")
        start, end = ctx.subtree_chars(head, exclude=tok)
        sent = ctx.sentence_of(tok)
        start, end = max(start, sent.start_char), min(end, sent.end_char)
        cand = make(ctx, cfg, start, end, (tok.idx, to.idx + len(to.text)), ctx.mention_range(pobj, cfg),
                    "according")
        if cand is not None:
            out.append(cand)
    return out
