"""Questions put to someone: "Sanders was asked by host John Dickerson whether ...", "Asked by X about ...".

PolNeAR annotates the question of a passive asking verb as an attribution whose source is the asker: the "by"
agent when the sentence names one ("Asked by Stephanopoulos to respond ..."), else nobody the article names (a
reporter, an audience; such questions are kept only with ``AttributionConfig.questions_put_unnamed``). The content
is the question: a clause ("whether ...", "how ...", "to respond ...") or what it was about ("asked about Trump's
declaration"). The one asked is never the source, so the statement takes no speaker from the sentence around it
(:data:`QUESTION_PUT`, read by :mod:`.assemble`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.attribution.predicates import passive_agent
from bot.extraction.lexicon import PREP_OBJECT_DEPS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# The relation of a question put to someone (kept by the filter through ``AttributionConfig.kept_rels``).
QUESTION_PUT = "question-put"
# Clauses of a passive asking verb that are the question ("asked whether ...", "asked to describe ...").
_QUESTION_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp"})
# A preposition whose object is what the question was about.
_TOPIC_PREPS = frozenset({"about"})
# The first word of a question clause: a wh-word, "whether"/"if", or the "to" of a request ("asked to describe").
# (Anything else after "Asked ..." is the sentence's own clause the parser hung on it: "the admiral chuckled".)
_QUESTION_OPENERS = frozenset({"whether", "if", "how", "what", "why", "who", "whom", "whose", "which", "when",
                               "where", "to"})


def _question(verb: Token) -> Token | None:
    """The clause or the topic the question of a passive asking verb is (None when it has neither)."""
    for child in verb.rights:
        if child.dep_ in _QUESTION_CLAUSE_DEPS and child.pos_ in VERB_POS:
            return child if child.left_edge.lower_ in _QUESTION_OPENERS else None
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS:
            return next((g for g in child.children if g.dep_ in PREP_OBJECT_DEPS), None)
    return None


def _is_put(verb: Token, cfg: AttributionConfig) -> bool:
    """A passive participle of an asking verb with no active subject ("Asked ...", "was asked ...")."""
    return (verb.lemma_.lower() in cfg.asking_cues and verb.tag_ == "VBN"
            and not any(c.dep_ == "nsubj" for c in verb.children))


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidates of the questions put to someone in an article."""
    out: list[Candidate] = []
    if not cfg.questions_put:
        return out
    for verb in ctx.tokens_with_lemma(cfg.asking_cues):
        if not _is_put(verb, cfg) or ctx.inside_quote(verb):
            continue
        question = _question(verb)
        if question is None:
            continue
        asker = passive_agent(verb)
        if asker is None and not cfg.questions_put_unnamed:
            continue
        mention = ctx.mention_range(asker, cfg) if asker is not None else None
        start, end = ctx.subtree_chars(question)
        cand = make(ctx, cfg, start, end, ctx.cue_span(verb), mention, "verb", cue_token=verb, rel=QUESTION_PUT)
        if cand is not None:
            out.append(cand)
    return out
