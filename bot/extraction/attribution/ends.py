"""Where a verb cue's content ends, after the rules of :mod:`boundaries`: over a contrasting clause the parser hung
on the cue ("said A, but B"), over an "as" predicate it made an adverbial clause ("described X as beset by ...") and
over a second object it conjoined to the cue ("questioned his “values” and his readiness ..."); before the writer's
comment on the reported clause (", a swipe at ..."), before a clause that sets another source against it (", while
critics said ..."), and before a verb of the cue's own source conjoined inside the content ("said A and criticized B").

Each rule follows how PolNeAR's annotators bound a reported content; the counts that justify it are in
:class:`~bot.extraction.attribution.config.AttributionConfig`.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.strings import get_string_id

from bot.extraction.attribution.clauses import extend_over_condition, is_inner_conjunct
from bot.extraction.attribution.rejoin import extend_over_bare_conjuncts, extend_over_split_clause
from bot.extraction.kinds import kind_lexicon
from bot.extraction.lexicon import SUBJECT_DEPS, VERB_POS
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# "said A, but B": the coordinator of a second reported clause that the parser hangs on the cue.
CONTRAST_JOINTS = frozenset({"but"})
# A pronoun subject of that clause ("..., but he did not apologize") is mostly the source again, narrated.
NARRATED_SUBJECT_TAGS = frozenset({"PRP", "DT", "EX"})
# "A, while 60 percent said B": a clause of another source set against the content.
RIVAL_MARKS = frozenset({"while", "whereas"})
RIVAL_MARK_DEPS = frozenset({"mark", "advmod"})
# "said A and criticized B": the coordinators of a second verb of the source; a bare infinitive ("should change the
# laws and criticize him") stays inside the content, whose modal or "to" it shares.
PREDICATE_JOINTS = frozenset({"and", "but"})
BARE_INFINITIVE_TAG = "VB"
_JOINT_DEPS = frozenset({"cc", "punct"})
# "described the country as beset by ...": the "as" of a predicate, which the parser makes a marker or an adverb.
AS_PREDICATE_DEPS = frozenset({"mark", "advmod"})
NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "PRON"})
# "questioned his “values” and his readiness ...": a noun, pronoun or "as" phrase the parser conjoined to the cue.
OBJECT_JOINTS = frozenset({"and", "or"})
OBJECT_CONJUNCT_POS = frozenset({"NOUN", "PROPN", "PRON", "ADP"})
# ", a swipe at ...": a comment phrase opens with an indefinite article, in a content of at least this many tokens.
INDEFINITE_ARTICLES = frozenset({"a", "an"})
COMMENT_MIN_TOKENS = 6
DASHES = frozenset({"\u2014", "\u2013", "--", "-"})


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _speech_lemma(ctx: Context, tok: Token) -> bool:
    return tok.lemma_.lower() in ctx.lex.reporting


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of some lower-case words, to test against ``ctx.lowers`` (spaCy's hash of a string
    is the same in every store, so once per word set)."""
    return frozenset(get_string_id(w) for w in words)


def _span_after(ctx: Context, cue: Token, start: int, end: int) -> Span | None:
    """The content's tokens when they all follow (or all precede) the cue."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return None if span is None or span.start <= cue.i < span.end else span


def adjust_end(ctx: Context, cfg: AttributionConfig, cue: Token, start: int, end: int, rel: str) -> int:
    """Return where the content of a verb cue ends, after this module's rules."""
    if cfg.extend_over_contrast and rel == "ccomp":
        end = extend_over_contrast(ctx, cue, start, end)
    if cfg.extend_over_as_predicate:
        end = extend_over_as_predicate(ctx, cue, start, end)
    if cfg.extend_over_object_conjuncts:
        end = extend_over_object_conjunct(ctx, cue, start, end)
    if cfg.rejoin_split_clauses:
        end = extend_over_split_clause(ctx, cue, start, end)
    if cfg.cut_comment_phrases:
        end = cut_comment_phrase(ctx, start, end)
    if cfg.cut_rival_clauses:
        end = cut_rival_clause(ctx, cue, start, end)
    if cfg.cut_second_predicates:
        end = cut_second_predicate(ctx, cue, start, end, cfg.keep_inner_conjuncts)
    if cfg.extend_over_bare_infinitives:
        end = extend_over_bare_conjuncts(ctx, cue, start, end)
    if cfg.extend_over_conditions:
        end = extend_over_condition(ctx, cue, start, end, cfg.extend_over_reasons)
    return end


def extend_over_contrast(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Go on over a contrasting clause the parser hung on the cue right after a clausal content ("said the process
    was fair, but that it required an effort", "told us the government tried to put me away, but a judge
    refused"), unless it is a verb of saying (a cue of its own) or has a pronoun subject (the source, narrated)."""
    doc = ctx.doc
    span = _span_after(ctx, cue, start, end)
    if span is None or span.start < cue.i or span.end >= len(doc):
        return end
    i = span.end
    while i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in CONTRAST_JOINTS or doc[i].dep_ != "cc" or doc[i].head.i != cue.i:
        return end
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > i), None)
    if conj is None or conj.left_edge.i != i + 1 or ctx.inside_quote(conj) or _speech_lemma(ctx, conj) \
            or conj.lemma_.lower() in ctx.lex.belief or cue.lemma_.lower() in kind_lexicon().evidence:
        return end
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children)
    subj = next((c for c in conj.children if c.dep_ in SUBJECT_DEPS), None)
    if not that and (subj is None or subj.tag_ in NARRATED_SUBJECT_TAGS):
        return end
    last = doc[conj.right_edge.i]
    return max(end, min(last.idx + len(last.text), ctx.run_on_limit(cue, start)))


def cut_rival_clause(ctx: Context, cue: Token, start: int, end: int) -> int:
    """End the content before a trailing clause in which another source speaks ("they prefer an outsider, while
    about 4 in 10 said they want experience"): that clause is a statement of its own."""
    doc = ctx.doc
    span = _span_after(ctx, cue, start, end)
    if span is None:
        return end
    marks = _hashes(RIVAL_MARKS)
    for i in range(span.start + 2, span.end):
        if ctx.lowers[i] not in marks:
            continue  # (read the lower-case column first: a Token object for every word costs more than the rule)
        tok = doc[i]
        clause = tok.head
        if tok.lower_ not in RIVAL_MARKS or tok.dep_ not in RIVAL_MARK_DEPS or clause.dep_ != "advcl" \
                or clause.left_edge.i != tok.i or clause.head.i < span.start or clause.right_edge.i < span.end - 2:
            continue
        if _has_subject(clause) and _speech_lemma(ctx, clause) and not ctx.inside_quote(tok):
            first = tok.i - 1 if doc[tok.i - 1].text == "," else tok.i
            return doc[first].idx
    return end


def _second_predicate(ctx: Context, cue: Token, tok: Token, first: int, keep_inner: bool) -> bool:
    """Tell whether ``tok`` is a verb of saying or judging conjoined, without a subject, to a verb of the content
    (with ``keep_inner``, not to one of a relative clause or a gerund: ``clauses.is_inner_conjunct``)."""
    head = tok.head
    return (tok.dep_ == "conj" and tok.pos_ in VERB_POS and first <= head.i < tok.i and head.i != cue.i
            and not (keep_inner and is_inner_conjunct(tok)) and tok.tag_ != BARE_INFINITIVE_TAG
            and _speech_lemma(ctx, tok) and not _has_subject(tok) and not ctx.inside_quote(tok)
            and any(c.dep_ == "cc" and c.lower_ in PREDICATE_JOINTS for c in head.children if head.i < c.i < tok.i))


def cut_second_predicate(ctx: Context, cue: Token, start: int, end: int, keep_inner: bool = False) -> int:
    """End the content before a second verb of the source the parser conjoined inside it ("suggested Melania's
    speechwriter be fired and defended Trump", "said Mr. Trump was ignorant of Islam and criticized him for ...").
    (``boundaries.cut_coordinated_cue`` covers verbs of saying that the parser conjoined to the cue itself.)"""
    doc = ctx.doc
    span = _span_after(ctx, cue, start, end)
    if span is None:
        return end
    at = ctx.reporting_at  # (only a verb of saying or judging can be one: visit those, not every word)
    for i in at[bisect_left(at, span.start):bisect_left(at, span.end)]:
        tok = doc[i]
        if _second_predicate(ctx, cue, tok, span.start, keep_inner):
            first = min([tok.left_edge.i, *(c.i for c in tok.head.children
                                            if c.dep_ in _JOINT_DEPS and tok.head.i < c.i < tok.i)])
            if first > span.start:
                return doc[first].idx
    return end



def extend_over_as_predicate(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Go on over an "as" predicate of a noun-phrase content that the parser made an adverbial clause of the cue
    ("described the country as beset by illegal immigrants", "view Mrs. Clinton as vastly more prepared"), up to
    a dash; not a clause with a subject of its own ("as she enters ...") nor an evidential one ("as shown by")."""
    doc = ctx.doc
    span = _span_after(ctx, cue, start, end)
    if span is None or span.start < cue.i or span.end >= len(doc) or span.root.pos_ not in NOUN_PHRASE_POS:
        return end
    tok = doc[span.end]
    if tok.lower_ != "as" or tok.dep_ not in AS_PREDICATE_DEPS:
        return end
    clause = tok.head
    while clause.head.i not in (cue.i, clause.i) and clause.head.left_edge.i == tok.i:
        clause = clause.head
    if clause.head.i != cue.i or clause.dep_ != "advcl" or clause.left_edge.i != tok.i or _has_subject(clause) \
            or _speech_lemma(ctx, clause) or clause.lemma_.lower() in kind_lexicon().evidence:
        return end
    stop = next((t.i - 1 for t in doc[tok.i:clause.right_edge.i + 1] if t.text in DASHES and t.whitespace_),
                clause.right_edge.i)
    last = doc[stop]
    return max(end, min(last.idx + len(last.text), line_bounds(ctx.text, start)[1]))



def extend_over_object_conjunct(ctx: Context, cue: Token, start: int, end: int) -> int:
    """Go on over a second object the parser conjoined to the cue instead of to the content, often after a closing
    quotation mark ("questioned Trump's “New York values” and his readiness to be commander in chief", "see
    immigrants as a burden and as people who refuse to assimilate")."""
    doc = ctx.doc
    span = _span_after(ctx, cue, start, end)
    if span is None or span.start < cue.i or span.end >= len(doc):
        return end
    i = span.end
    while i < len(doc) and doc[i].is_quote and doc[i].dep_ == "punct":
        i += 1
    if i >= len(doc) or doc[i].dep_ != "cc" or doc[i].head.i != cue.i or doc[i].lower_ not in OBJECT_JOINTS:
        return end
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > i), None)
    if conj is None or conj.left_edge.i != i + 1 or conj.pos_ not in OBJECT_CONJUNCT_POS:
        return end
    last = doc[conj.right_edge.i]
    return max(end, min(last.idx + len(last.text), line_bounds(ctx.text, start)[1]))



def cut_comment_phrase(ctx: Context, start: int, end: int) -> int:
    """End a clausal content before an indefinite noun phrase after a comma that runs to its end: the writer's
    comment on the reported words (", a swipe at the recent disturbances", ", a charge that Colorado Republican
    leaders denied"), which the parser does not mark as an appositive."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < COMMENT_MIN_TOKENS or span.root.pos_ not in VERB_POS:
        return end
    articles = _hashes(INDEFINITE_ARTICLES)
    for i in range(span.start + 3, span.end - 1):
        if ctx.lowers[i] not in articles:
            continue
        tok = doc[i]
        phrase = tok.head
        if tok.lower_ in INDEFINITE_ARTICLES and doc[tok.i - 1].text == "," and phrase.pos_ == "NOUN" \
                and phrase.left_edge.i == tok.i and phrase.right_edge.i >= span.end - 2 and not ctx.inside_quote(tok):
            return doc[tok.i - 1].idx
    return end
