"""Content nouns with a "that" clause: "Trump's claim that there have been thousands of shootings", "the
senator's suggestion that the program be expanded", "made the argument that ...".

A noun of saying or thinking (``clause_nouns`` in ``data/cues.json``) whose complement clause opens with the
complementizer "that" reports that clause (PARC annotates such nominal cues like verbal ones; Pareti 2016). The
source is the noun's possessor, else the subject of the verb it is the object of. A relative clause ("the claim
that was made", "that" its subject or object) states no content and is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.attribution.predicates import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# The noun's clause that states its content, and the complementizer that opens it right after the noun.
CLAUSE_DEPS = frozenset({"acl", "ccomp"})
COMPLEMENTIZER = "that"
NOUN_POS = frozenset({"NOUN"})
# The relation these candidates carry (kept as the rule found them, like the other rule-only relations).
REL = "that-clause"


def content_clause(noun: Token) -> Token | None:
    """Return the "that" complement clause of a noun ("the claim that ..."), or None (a relative clause)."""
    for child in noun.rights:
        if child.dep_ not in CLAUSE_DEPS:
            continue
        first = child.left_edge
        if first.i == noun.i + 1 and first.lower_ == COMPLEMENTIZER and first.dep_ == "mark":
            return child
    return None


def _reported_by_its_verb(ctx: Context, noun: Token) -> bool:
    """"expressed concern that ...", "voiced the opinion that ...": the object of a reporting verb, whose own
    candidate (the verb pass) reports the clause, with the verb as its cue."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.lemma_.lower() in ctx.lex.reporting


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidates of the content nouns of an article that have a "that" clause."""
    out: list[Candidate] = []
    for noun in ctx.tokens_with_lemma(ctx.lex.clause_nouns):
        if noun.pos_ not in NOUN_POS or ctx.inside_quote(noun):
            continue
        clause = content_clause(noun)
        if clause is None or _reported_by_its_verb(ctx, noun):
            continue
        subj = subject_of(ctx, noun)
        mention = ctx.mention_range(subj, cfg) if subj is not None else None
        start, end = ctx.subtree_chars(clause)
        cand = make(ctx, cfg, start, end, (noun.idx, noun.idx + len(noun.text)), mention, "verb", cue_token=noun,
                    rel=REL)
        if cand is not None:
            out.append(cand)
    return out
