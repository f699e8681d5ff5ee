"""Content nouns with a "that" clause: "Trump's claim that there have been thousands of shootings", "the
senator's suggestion that the program be expanded", "made the argument that ..."; and speech-act nouns after a
light verb, with their topic: "made the case for Mrs. Clinton", "raised new questions about European solidarity".

A noun of saying or thinking (``clause_nouns`` in ``data/cues.json``) whose complement clause opens with the
complementizer "that" reports that clause (PARC annotates such nominal cues like verbal ones; Pareti 2016). The
source is the noun's possessor, else the subject of the verb it is the object of. A relative clause ("the claim
that was made", "that" its subject or object) states no content and is left alone. A speech-act noun's "that"
clause after a phrase of the noun's own reports it too, with the object of a "from" or "by" there as its source
("criticism from rivals that ...", "a demand, by Nancy Pelosi, that ...").

A speech-act noun (``topic_nouns``) that a verb of doing (``light_verbs``: make, give, issue, deliver, raise ...)
takes as its object makes a cue of the three, verb, noun and preposition ("has previously made the case for",
"made a strong condemnation of"), whose content is the prepositional object and whose source is the verb's subject:
PolNeAR annotates it so (Newell et al. 2018). The reporting verbs among them ("expressed concern about ...") keep
their own object content (see :mod:`.verbs`), which contains this one. Such a noun with a "that" clause reports the
clause, whether the parser hung it on the noun or on the verb ("made the case for weeks that Rubio isn't ready",
"offered her firmest promise yet that she would not allow the accord to pass").

A speech-act noun as the subject of "be" with a "that" clause reports the clause ("His message was that ...", "The
most telling promise she has made is that she will not overpromise"); the source is the noun's possessor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.attribution.objects import prep_topic
from bot.extraction.attribution.predicates import subject_of
from bot.extraction.lexicon import VERB_POS

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
# The prepositions that introduce the topic of a speech act ("the case for", "questions about", "an attack on"); the
# nouns and verbs are the speech acts and verbs of doing PolNeAR train annotates so (``AttributionConfig``'s
# ``light_verb_topics`` has the figures). Legal and contest nouns are not among them: "filed a lawsuit against X",
# "filed charges against X", "posed a challenge for X" name a target, not what was said.
TOPIC_PREPS = frozenset({"about", "on", "over", "of", "for", "against", "regarding", "concerning"})
LIGHT_REL = "light-verb"
# "lobbing pointed insults at one another", "took a swipe at Rubio": "at" gives the target of a hostile act only
# ("delivered a speech at the convention" is where it was made), and the idioms of one take no other preposition
# ("sent screen shots of their conversations", "a big shot of momentum").
TARGET_PREP = "at"
HOSTILE_NOUNS = frozenset({"attack", "barb", "criticism", "insult"})
TARGET_ONLY_NOUNS = frozenset({"dig", "jab", "potshot", "shot", "swipe"})
# "criticism from rivals that ...": the relations of a speech-act noun's "that" clause after a phrase of its own, the
# relations of that phrase, and the prepositions whose object there is the source.
GAPPED_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
GAP_DEPS = frozenset({"prep", "npadvmod", "punct", "appos", "advmod"})
SOURCE_PREPS = frozenset({"from", "by"})
# "made the case for weeks that ...": the relations of a light verb's "that" clause the parser hung on the verb.
VERB_CLAUSE_DEPS = frozenset({"ccomp", "advcl"})
# "The message was that ...": the copula whose subject is the speech-act noun, and the relation of its clause.
COPULA = "be"
COPULA_CLAUSE_DEP = "ccomp"
COPULA_REL = "copula"


def content_clause(noun: Token) -> Token | None:
    """Return the "that" complement clause of a noun ("the claim that ..."), or None (a relative clause)."""
    for child in noun.rights:
        if child.dep_ not in CLAUSE_DEPS:
            continue
        first = child.left_edge
        if first.i == noun.i + 1 and first.lower_ == COMPLEMENTIZER and first.dep_ == "mark":
            return child
    return None


def gapped_clause(noun: Token) -> tuple[Token, Token | None] | None:
    """Return the "that" clause of a speech-act noun after a phrase of its own ("criticism from rivals that ...",
    "the committee's recommendation Friday that ...", "a demand, by Nancy Pelosi, that ..."), with the object of a
    "from" or "by" in that phrase (its source), or None."""
    for child in noun.rights:
        if child.dep_ not in GAPPED_CLAUSE_DEPS or child.left_edge.i == noun.i + 1 or not _opens_with_that(child):
            continue
        between = [c for c in noun.rights if noun.i < c.i < child.i]
        if not between or any(c.dep_ not in GAP_DEPS for c in between):
            return None
        source = next((g for c in between if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS
                       for g in c.children if g.dep_ == "pobj"), None)
        return child, source
    return None


def _opens_with_that(clause: Token) -> bool:
    """Tell whether a clause opens with the complementizer "that" (not a relative "that")."""
    first = clause.left_edge
    return first.lower_ == COMPLEMENTIZER and first.dep_ == "mark"


def light_clause(ctx: Context, noun: Token, verb: Token) -> Token | None:
    """Return the "that" clause a light verb's speech-act object reports ("made the point that ...", "made the case
    for weeks that ..."), or None (also for a clause noun's own clause, which :func:`find` reports with the noun as
    its cue: "made the argument that ...")."""
    own = content_clause(noun)
    if own is not None:
        return None if noun.lemma_.lower() in ctx.lex.clause_nouns else own
    return next((c for c in verb.rights if c.dep_ in VERB_CLAUSE_DEPS and c.i > noun.i and _opens_with_that(c)),
                None)


def _reported_by_its_verb(ctx: Context, noun: Token) -> bool:
    """"expressed concern that ...", "voiced the opinion that ...": the object of a reporting verb, whose own
    candidate (the verb pass) reports the clause, with the verb as its cue."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.lemma_.lower() in ctx.lex.reporting


def _topic_preps(lemma: str) -> frozenset[str]:
    """The prepositions that can give a speech-act noun its topic or its target."""
    if lemma in TARGET_ONLY_NOUNS:
        return frozenset({TARGET_PREP})
    return TOPIC_PREPS | {TARGET_PREP} if lemma in HOSTILE_NOUNS else TOPIC_PREPS


def topic_of(ctx: Context, noun: Token) -> tuple[Token, Token] | None:
    """Return the preposition and the object that give a speech-act noun its topic ("the case for Mrs. Clinton"),
    or None (no such preposition, a bare pronoun: "made the case for it", "which they made a case for", or a time:
    "released a statement on Saturday night")."""
    preps = _topic_preps(noun.lemma_.lower())
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in preps), None)
    if prep is None:
        # ("took a swipe at Rubio": the parser hangs the preposition right after the object on the verb)
        prep = next((c for c in noun.head.rights if c.dep_ == "prep" and c.lower_ in preps
                     and c.i == noun.right_edge.i + 1), None)
    pobj = prep_topic(ctx, prep, times=False)
    return (prep, pobj) if prep is not None and pobj is not None else None


def _light_content(ctx: Context, cfg: AttributionConfig, noun: Token,
                   verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The content and the cue of a light verb's speech-act object: its topic ("made the case for X") or, with
    ``light_verb_clauses``, its "that" clause ("made the point that ...")."""
    topic = topic_of(ctx, noun)
    if topic is not None:
        prep, pobj = topic
        return ctx.subtree_chars(pobj), (verb.idx, prep.idx + len(prep.text))
    clause = light_clause(ctx, noun, verb) if cfg.light_verb_clauses else None
    if clause is None:
        return None
    return ctx.subtree_chars(clause), (verb.idx, noun.idx + len(noun.text))


def light_verb_topics(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidates of the speech-act nouns that a light verb takes as object ("made the case for X")."""
    out: list[Candidate] = []
    for noun in ctx.tokens_with_lemma(ctx.lex.topic_nouns):
        verb = noun.head
        if noun.pos_ not in NOUN_POS or noun.dep_ != "dobj" or ctx.inside_quote(noun) or verb.pos_ not in VERB_POS \
                or verb.lemma_.lower() not in ctx.lex.light_verbs:
            continue
        found = _light_content(ctx, cfg, noun, verb)
        subj = subject_of(ctx, verb) if found is not None else None
        if found is None or subj is None:
            continue
        (start, end), cue = found
        cand = make(ctx, cfg, start, end, cue, ctx.mention_range(subj, cfg), "verb", cue_token=verb, rel=LIGHT_REL)
        if cand is not None:
            out.append(cand)
    return out


def copular_clauses(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidates of the speech-act nouns that are the subject of "be" with a "that" clause ("His message
    was that ...")."""
    out: list[Candidate] = []
    for noun in ctx.tokens_with_lemma(ctx.lex.topic_nouns | ctx.lex.clause_nouns):
        be = noun.head
        if noun.pos_ not in NOUN_POS or noun.dep_ != "nsubj" or be.lemma_ != COPULA or ctx.inside_quote(noun):
            continue
        clause = next((c for c in be.rights if c.dep_ == COPULA_CLAUSE_DEP), None)
        if clause is None or not _opens_with_that(clause):
            continue
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        cand = _clause_candidate(ctx, cfg, noun, clause, poss, be.idx + len(be.text), COPULA_REL)
        if cand is not None:
            out.append(cand)
    return out


def _clause_candidate(ctx: Context, cfg: AttributionConfig, noun: Token, clause: Token, source: Token | None,
                      cue_end: int, rel: str) -> Candidate | None:
    """The candidate of a noun cue (ending at ``cue_end``) reporting ``clause``, its source ``source``."""
    mention = ctx.mention_range(source, cfg) if source is not None else None
    start, end = ctx.subtree_chars(clause)
    return make(ctx, cfg, start, end, (noun.idx, cue_end), mention, "verb", cue_token=noun, rel=rel)


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidates of the content nouns of an article: a "that" clause, a light verb's topic or clause, a
    copula's clause."""
    out: list[Candidate] = light_verb_topics(ctx, cfg) if cfg.light_verb_topics else []
    if cfg.copular_clauses:
        out.extend(copular_clauses(ctx, cfg))
    lemmas = ctx.lex.clause_nouns | ctx.lex.topic_nouns if cfg.gapped_noun_clauses else ctx.lex.clause_nouns
    for noun in ctx.tokens_with_lemma(lemmas):
        if noun.pos_ not in NOUN_POS or ctx.inside_quote(noun) or _reported_by_its_verb(ctx, noun):
            continue
        found = _noun_clause(ctx, cfg, noun)
        if found is None:
            continue
        clause, subj = found
        cand = _clause_candidate(ctx, cfg, noun, clause, subj, noun.idx + len(noun.text), REL)
        if cand is not None:
            out.append(cand)
    return out


def _noun_clause(ctx: Context, cfg: AttributionConfig, noun: Token) -> tuple[Token, Token | None] | None:
    """The "that" clause of a content noun and the token of its source: right after a clause noun, or (with
    ``gapped_noun_clauses``) after a phrase of a speech-act noun, whose "from"/"by" object is then the source."""
    clause = content_clause(noun) if noun.lemma_.lower() in ctx.lex.clause_nouns else None
    if clause is not None:
        return clause, subject_of(ctx, noun)
    gapped = gapped_clause(noun) if cfg.gapped_noun_clauses else None
    if gapped is None:
        return None
    clause, source = gapped
    return clause, source if source is not None else subject_of(ctx, noun)
