"""Clausal complements of a reporting verb: where the reported clause starts and ends.

A complement loses a leading time of the telling, takes in the sentence start when it precedes its cue, goes on
over a colon that announces it, and two complements the parser split are one clause again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.predicates import COMPLEMENT_DEPS, is_told_audience
from bot.extraction.lexicon import SUBJECT_DEPS, TIME_ENTS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

Content = tuple[int, int, str]  # character span and relation to the cue
# A time phrase opening a complement that belongs to the telling ("told them this weekend he would ...").
_LEADING_TIME_DEPS = frozenset({"npadvmod", "advmod", "prep"})
# Two clausal complements of one cue with none of these between them are one reported clause the parser split
# ("said there is no one in the race is “on pace ...”", "said he would be honored to serve should ..."): on all 840
# PolNeAR train articles joining them matched the gold content 36 times where the first part alone matched 9
# (partial F1 0.716 -> 0.717, precision 0.846 -> 0.849).
_CLAUSE_BREAKS = frozenset(",;:.!?\n\u2014\u2013")
# A tensed clause of a question verb is reported ("said she was asked to", "that nobody would question"; on 200
# train articles and dev it matched the gold 11 times in 14); an untensed one ("shows her asking, “...?”") asks.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TENSE_DEPS = frozenset({"aux", "auxpass"})
# "said during a news conference that he may wait ...", "alleged in the suit that ...", "told a meeting of business
# leaders that ...": a "that" clause after the cue's setting or audience, which the parser made a relative clause of
# that noun ("that" its marker, not a pronoun). The path from the cue down to the noun runs through these only.
_SETTING_PATH_DEPS = frozenset({"prep", "pobj", "npadvmod", "advmod", "dobj", "dative"})
_STRANDED_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# What a cue closing its sentence may not have of its own (but "told" has its audience as object).
# "If the law has never had its day in court, Giuliani said, there's a simple explanation": a condition fronted
# before the source of a cue that reports a clause after it is part of what was said (PARC: a content interrupted
# by its cue is two spans); a time or a setting ("When he took the stage, he said ...") is not, and a concession
# ("Although ..., he said ...") matched the gold on train 8 times in 14, too few to add.
CONDITION_MARKS = frozenset({"if", "unless", "whether"})


def ccomp_span(ctx: Context, cfg: AttributionConfig, verb: Token, child: Token) -> tuple[int, int]:
    """The clausal complement, without a leading time of the telling, and from the sentence start when the
    complement precedes its cue ("A, but B, the source added")."""
    cstart, cend = ctx.subtree_chars(child)
    lead = [c for c in child.lefts if c.ent_type_ in TIME_ENTS
            and c.dep_ in _LEADING_TIME_DEPS and c.left_edge.idx == cstart]
    if lead and lead[0].right_edge.i + 1 < child.i:
        cstart = ctx.doc[lead[0].right_edge.i + 1].idx
    if child.i < verb.i:
        cstart = min(cstart, ctx.sentence_of(verb).start_char)
    elif cfg.extend_over_colon:
        cend = _over_colon(ctx, child, cend)
    return cstart, cend


def _over_colon(ctx: Context, child: Token, cend: int) -> int:
    """"said she has the quality for the job: “Steadiness ...”": a complement that ends at a colon goes on with
    what the colon announces, to the end of that sentence (within the paragraph)."""
    after = ctx.token_at(cend)
    doc = ctx.doc
    if after + 1 >= len(doc) or doc[after].text != ":" or not ctx.same_line(cend, doc[after + 1].idx):
        return cend
    nxt = doc[after + 1]
    return max(cend, ctx.run_on_limit(nxt, nxt.idx))


def stranded_complement(ctx: Context, verb: Token) -> Token | None:
    """The "that" clause the parser hung on a noun of the cue's setting ("said at a rally that ..."), when the
    cue has no clausal complement of its own (see ``_SETTING_PATH_DEPS``)."""
    if any(c.dep_ == "ccomp" for c in verb.children) or not (
            verb.pos_ in VERB_POS or any(c.dep_ in SUBJECT_DEPS for c in verb.children)):  # ("Trump charges ...")
        return None
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.dep_ not in _STRANDED_CLAUSE_DEPS or tok.head.i == verb.i \
                or tok.head.lemma_.lower() in ctx.lex.clause_nouns:
            continue
        first = tok.left_edge
        if not (first.lower_ == "that" and first.dep_ == "mark" and first.head.i == tok.i):
            continue
        if not any(c.dep_ in SUBJECT_DEPS for c in tok.children) or ctx.inside_quote(first):
            continue
        node = tok.head
        while node.i != verb.i and node.dep_ in _SETTING_PATH_DEPS:
            node = node.head
        if node.i == verb.i:
            return tok
    return None


def is_trailing_conj_cue(verb: Token) -> bool:
    """"A special force will assist them, Ash Carter told a Senate panel Wednesday.": a cue clause that closes
    the sentence after a comma, which the parser joined to the reported clause as a conjunct with no "and"."""
    head = verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ != "conj" or head.i > verb.i or subj is None or subj.left_edge.i == 0:
        return False
    if verb.doc[subj.left_edge.i - 1].text != "," or any(c.dep_ == "cc" and c.i < verb.i for c in head.children):
        return False
    # (an object other than the audience of "told" is the cue's own content: "..., the senator announced a plan")
    own = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS and not is_told_audience(verb, c)]
    return not own and verb.right_edge.i + 1 >= verb.sent.end - 1


def is_fronted_condition(verb: Token, child: Token, subj: Token | None) -> bool:
    """Tell whether ``child`` is a condition or concession before the source of a cue with a clause after it."""
    if child.dep_ != "advcl" or subj is None or child.i > subj.i or subj.head.i != verb.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in child.children):
        return False
    after = child.right_edge.i + 1
    return (after < subj.left_edge.i and child.doc[after].text == ","
            and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children))


def is_finite(verb: Token) -> bool:
    """Tell whether a verb is tensed (its own tag or a tensed auxiliary)."""
    return verb.tag_ in _FINITE_TAGS or any(c.dep_ in _TENSE_DEPS for c in verb.children)


def join_split_complements(ctx: Context, verb: Token, contents: list[Content]) -> list[Content]:
    """Join a cue's clausal complements that follow it with no clause break between them: one clause, split by
    the parser (see ``_CLAUSE_BREAKS``)."""
    out: list[Content] = []
    for start, end, rel in contents:
        if out and rel == "ccomp" and out[-1][2] == "ccomp" and verb.idx < out[-1][0] and out[-1][1] <= start \
                and not _CLAUSE_BREAKS.intersection(ctx.text[out[-1][1]:start]):
            out[-1] = (out[-1][0], end, rel)
        else:
            out.append((start, end, rel))
    return out
