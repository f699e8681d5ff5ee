"""Reported words the parser split away from a content at the cue.

A clause split in two: "showed Bernie Sanders isn't the only candidate ..." parsed as an object ("Bernie Sanders")
and a subjectless clausal complement ("isn't the only candidate ...") of the same verb. PolNeAR's annotators report
the whole clause, and a newsroom reads it that way; the noun-phrase content goes on over the predicate
(:func:`extend_over_split_clause`), and the predicate's content starts at the subject the parser made an object
(:func:`start_at_split_subject`).

A list of infinitives split from its "to": "urged the party to ax its superdelegate system, replace its leadership
and open its primaries", where the parser hung "replace" on a verb above the content; a bare infinitive shares the
content's "to" (:func:`extend_over_bare_conjuncts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, VERB_POS
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.context import Context

# The object the parser made of the reported clause's subject (a noun phrase hung on the cue as "dobj") ...
SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})
# ... and what else the parser makes of that subject when it hangs it on the cue: a noun phrase read as an
# adverbial ("said the days when the nation had ... are gone"), a subject clause read as an adverbial clause ("said
# just because discrimination was not obvious did not mean ..."). With them, on all 840 PolNeAR train articles 4
# statements became matches and none the other way (15142 -> 15146 matched, 1 fewer prediction); dev unchanged.
SPLIT_SUBJECT_POS = {"dobj": SUBJECT_POS, "npadvmod": SUBJECT_POS, "advcl": VERB_POS}
# A clause opened by "that" or "whether" after an object is a complement of its own ("told Mr. Weiner that ...").
_MARK_DEP = "mark"
# Cues whose object is the one told, not the reported clause's subject ("told a young woman who asked ... [that] ...").
TELLING_CUES = frozenset({"tell", "inform", "assure", "reassure", "remind", "notify", "convince", "persuade", "advise",
                          "brief", "teach"})


# A bare infinitive ("replace"), its "to", and what makes a verb the head of a clause of its own.
BARE_INFINITIVE_TAG = "VB"
_INFINITIVE_MARK = "to"
_CONJUNCT_JOINTS = frozenset({"and", "or"})
_OWN_CLAUSE_DEPS = SUBJECT_DEPS | {"aux", "auxpass"}


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
    return None if span is None or not len(span) or span.start <= cue.i else span  # (empty: a content cut to nothing)


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
    limit = ctx.run_on_limit(cue, start)
    return max(end, min(last.idx + len(last.text), limit))


def start_at_split_subject(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Start a subjectless clausal content at the object of the cue right before it, its subject ("said Trump is
    unfit" parsed as "said Trump" + "is unfit"), or at the adverbial the parser made of that subject."""
    doc = ctx.doc
    span = _span(ctx, cue, start, end)
    if span is None or _predicate_after(cue, span[0]) is None:
        return start
    obj = doc[span.start - 1]  # (up to the phrase the parser hung on the cue: "... had “a story” from ... are gone")
    while obj.head.i != obj.i and obj.head.i < span.start and obj.head.i != cue.i:
        obj = obj.head
    if obj.pos_ not in SPLIT_SUBJECT_POS.get(obj.dep_, ()) or obj.head.i != cue.i \
            or obj.right_edge.i != span.start - 1 or obj.left_edge.i <= cue.i or ctx.inside_quote(obj):
        return start
    first = doc[obj.left_edge.i].idx
    return first if first >= line_bounds(ctx.text, start)[0] else start


def _final_infinitive(span: Span) -> Token | None:
    """The infinitive ("to" and a bare verb) whose phrase ends ``span``, or None."""
    last = span.end - 1
    return next((t for t in span if t.tag_ == BARE_INFINITIVE_TAG and last - 1 <= t.right_edge.i <= last
                 and any(c.dep_ == "aux" and c.lower_ == _INFINITIVE_MARK for c in t.children)), None)


def _bare_conjunct(ctx: Context, cue: Token, inf: Token, span: Span, tok: Token) -> bool:
    """Tell whether ``tok`` opens a bare infinitive conjoined to a finite verb above the content (the cue or a verb
    it depends on): the parser's attachment of a verb that shares the content's "to"."""
    head = tok.head
    above = head.i == cue.i or head.is_ancestor(cue) or (head.i < span.start and head.is_ancestor(inf))
    return (tok.tag_ == BARE_INFINITIVE_TAG and tok.dep_ == "conj" and tok.left_edge.i == tok.i and above
            and head.tag_ != BARE_INFINITIVE_TAG and not ctx.inside_quote(tok)
            and not any(c.dep_ in _OWN_CLAUSE_DEPS for c in tok.children))


def extend_over_bare_conjuncts(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Go on from a content that ends in an infinitive over the bare infinitives listed after it ("urged the party to
    ax its superdelegate system, replace its leadership and open its primaries", "hoping to retain the White House
    and capture the Senate"), within the sentence; not after a bare cue ("will urge them to vote and fight ...")."""
    doc = ctx.doc
    span = _span(ctx, cue, start, end)
    if span is None or span.end >= len(doc) or cue.tag_ == BARE_INFINITIVE_TAG:
        return end
    inf = _final_infinitive(span)
    i = span.end + 1 if doc[span.end].text == "," else span.end  # (", replace ...", ", and make ...", "and rely ...")
    if i < len(doc) and doc[i].dep_ == "cc" and doc[i].lower_ in _CONJUNCT_JOINTS:
        i += 1
    if inf is None or i >= len(doc) or not _bare_conjunct(ctx, cue, inf, span, doc[i]):
        return end
    head, last = doc[i].head, doc[i].right_edge.i
    for c in head.children:  # (the parser hangs the later infinitives of the list on the same verb, or on the first)
        if c.i > last and c.dep_ == "conj" and c.tag_ == BARE_INFINITIVE_TAG and c.left_edge.i <= last + 3 \
                and not any(g.dep_ in SUBJECT_DEPS for g in c.children):
            last = c.right_edge.i
    limit = ctx.run_on_limit(cue, start)
    return max(end, min(doc[last].idx + len(doc[last].text), limit))
