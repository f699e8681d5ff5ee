"""A reported clause the parser split in two at the cue: "showed Bernie Sanders isn't the only candidate ..." parsed as
an object ("Bernie Sanders") and a subjectless clausal complement ("isn't the only candidate ...") of the same verb.

PolNeAR's annotators report the whole clause, and a newsroom reads it that way; the noun-phrase content goes on over
the predicate (:func:`extend_over_split_clause`), and the predicate's content starts at the subject the parser
made an object (:func:`start_at_split_subject`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, VERB_POS
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.context import Context

# The object the parser made of the reported clause's subject.
SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})
SPLIT_OBJECT_DEPS = frozenset({"dobj"})
# A clause opened by "that" or "whether" after an object is a complement of its own ("told Mr. Weiner that ...").
_MARK_DEP = "mark"
# Cues whose object is the one told, not the reported clause's subject ("told a young woman who asked ... [that] ...").
TELLING_CUES = frozenset({"tell", "inform", "assure", "reassure", "remind", "notify", "convince", "persuade", "advise",
                          "brief", "teach"})


def _predicate_after(cue: Token, first: Token) -> Token | None:
    """The subjectless clausal complement of ``cue`` that starts at ``first``, or None."""
    clause = first
    while clause.head.i != clause.i and clause.head.i >= first.i and clause.head.left_edge.i >= first.i:
        clause = clause.head
    if cue.lemma_.lower() in TELLING_CUES or clause.dep_ != "ccomp" or clause.head.i != cue.i \
            or clause.left_edge.i != first.i or clause.pos_ not in VERB_POS \
            or first.dep_ == _MARK_DEP or first.lower_ == "that" \
            or any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return clause


def _span(ctx: Context, cue: Token, start: int, end: int) -> Span | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or span.start <= cue.i else span


def extend_over_split_clause(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Go on from a noun-phrase content over the subjectless clause of the cue right after it, whose subject it is
    ("showed Bernie Sanders isn't the only candidate ready to break up banks"), within the sentence."""
    doc = ctx.doc
    span = _span(ctx, cue, start, end)
    if span is None or span.end >= len(doc) or span.root.pos_ not in SUBJECT_POS:
        return end
    clause = _predicate_after(cue, doc[span.end])
    if clause is None:
        return end
    last = doc[clause.right_edge.i]
    limit = min(ctx.sentence_of(cue).end_char, line_bounds(ctx.text, start)[1])
    return max(end, min(last.idx + len(last.text), limit))


def start_at_split_subject(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Start a subjectless clausal content at the object of the cue right before it, its subject ("said Trump is
    unfit" parsed as "said Trump" + "is unfit")."""
    doc = ctx.doc
    span = _span(ctx, cue, start, end)
    if span is None or _predicate_after(cue, span[0]) is None:
        return start
    obj = doc[span.start - 1]
    while obj.head.i != obj.i and obj.head.i < span.start and obj.dep_ not in SPLIT_OBJECT_DEPS:
        obj = obj.head
    if obj.dep_ not in SPLIT_OBJECT_DEPS or obj.head.i != cue.i or obj.pos_ not in SUBJECT_POS \
            or obj.right_edge.i != span.start - 1 or obj.left_edge.i <= cue.i or ctx.inside_quote(obj):
        return start
    first = doc[obj.left_edge.i].idx
    return first if first >= line_bounds(ctx.text, start)[0] else start
