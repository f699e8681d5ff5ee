"""Where a verb cue's content ends around two clauses the parser misplaces.

A condition of the reported words: "promised immigration reform if he and Clinton take office in January", where the
parser hung the "if" clause on the cue; the promise holds under the condition, and PolNeAR's annotators report it
with the words (:func:`extend_over_condition`); and so a reason ("portraying Sanders as hypocritical because he had
accepted $200,000 from Wall Street"), unless a verb of saying or thinking in it makes it a statement of its own
("backing Clinton because he worries Sanders would ...").

A verb joined to another inside a relative clause or a gerund: "said Trump is a man who speaks and tweets his mind
freely", "has time to step up and show that he is worthy"; the second verb of saying goes with the first, inside
the content, not with the cue as a second statement of its source (:func:`is_inner_conjunct`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.context import Context

# What opens a condition: a subordinator, or "should" put before its subject ("should Donald Trump win").
CONDITION_MARKS = frozenset({"if", "unless"})
INVERTED_CONDITION = "should"
# ... and what opens a reason ("when", "as", "after", "while", "before" clauses are as often the setting of the act).
REASON_MARKS = frozenset({"because"})
CONDITION_DEP = "advcl"
# The clauses whose verbs, joined by a conjunction, stay together: a relative clause ("a man who speaks and tweets")
# and a gerund or infinitive that is a preposition's object ("at explaining the actions and clarifying ...").
INNER_CLAUSE_DEPS = frozenset({"relcl", "pcomp"})
_CONJ = "conj"


def _opens_condition(ctx: Context, tok: Token, clause: Token, reasons: bool) -> bool:
    """Tell whether ``tok`` opens ``clause`` as a condition (or, with ``reasons``, as a reason without a cue in it)."""
    if tok.lower_ in CONDITION_MARKS or (tok.lower_ == INVERTED_CONDITION and tok.head.i == clause.i):
        return True
    lex = ctx.lex
    return reasons and tok.lower_ in REASON_MARKS and not any(
        t.lemma_.lower() in lex.reporting or t.lemma_.lower() in lex.belief for t in clause.subtree)


def _condition_after(ctx: Context, cue: Token, tok: Token, reasons: bool) -> Token | None:
    """The condition (or reason) clause of ``cue`` that ``tok`` opens, or None."""
    clause = tok
    while clause.head.i not in (cue.i, clause.i) and clause.head.left_edge.i == tok.i:
        clause = clause.head
    if clause.head.i != cue.i or clause.dep_ != CONDITION_DEP or clause.left_edge.i != tok.i \
            or not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return clause if _opens_condition(ctx, tok, clause, reasons) else None


def extend_over_condition(ctx: Context, cue: Token, start: int, end: int, reasons: bool = False) -> int:
    """Go on from a content after its cue over a condition (with ``reasons``, or a reason) the parser hung on the
    cue right after it, with no comma between ("vowed to impose a tariff on Fords unless the company cancels its
    investment"), within the sentence."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start <= cue.i or span.end >= len(doc):
        return end
    tok = doc[span.end]
    clause = _condition_after(ctx, cue, tok, reasons)
    if clause is None or ctx.inside_quote(tok):
        return end
    last = doc[clause.right_edge.i]
    return max(end, min(last.idx + len(last.text), ctx.run_on_limit(cue, start)))


def is_inner_conjunct(verb: Token) -> bool:
    """Tell whether ``verb`` is joined to a verb of the same form inside a relative clause or a gerund ("a man who
    speaks and tweets", "supporting but not endorsing"): a verb of that clause, not a second cue of the source."""
    head = verb.head
    return verb.dep_ == _CONJ and head.dep_ in INNER_CLAUSE_DEPS and verb.tag_ == head.tag_
