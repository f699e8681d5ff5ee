"""Contents carried by a cue's object: "declared the end of the war", "mocked Romney for not releasing ...",
"voiced an opinion that ...", and the passive "The decision was announced by the governor"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import word_count
from bot.extraction.attribution.predicates import passive_agent

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.context import Context

# Siblings after an object that complete it ("called Trump a liar", "accused the bank of ...").
_OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp"})
_OBJECT_COMPLEMENT_PREPS = frozenset({"for", "of", "as", "over", "about"})
# Clauses of a content noun that state the content ("an opinion that ...").
_NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp"})
_THAT_DEPS = frozenset({"mark", "det", "nsubj"})


def object_with_complements(ctx: Context, verb: Token, obj: Token) -> tuple[int, int]:
    """The object with what completes it: "mocked Romney for not releasing...", "called Trump a liar"."""
    start, end = ctx.subtree_chars(obj)
    pronoun = obj.pos_ == "PRON" and not ctx.inside_quote(obj)
    for sib in verb.rights:
        if sib.i <= obj.i:
            continue
        if sib.dep_ in _OBJECT_COMPLEMENT_DEPS or (sib.dep_ == "prep" and sib.lower_ in _OBJECT_COMPLEMENT_PREPS):
            sib_start, sib_end = ctx.subtree_chars(sib)
            if pronoun:
                # "calling it the “liberation” of the country": the content is what it was called.
                start, pronoun = sib_start, False
            end = max(end, sib_end)
        elif sib.dep_ != "punct":
            break
    return start, end


def passive_content(ctx: Context, verb: Token) -> list[tuple[int, int]]:
    """"The decision was announced by the governor": the passive subject is the content, the agent the source."""
    if passive_agent(verb) is None:
        return []
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.pos_ != "PRON":
            return [ctx.subtree_chars(child)]
    return []


def _noun_clauses(ctx: Context, obj: Token) -> list[tuple[int, int]]:
    """The "that" clauses of a content noun ("an opinion that ...")."""
    return [ctx.subtree_chars(child) for child in obj.children if child.dep_ in _NOUN_CLAUSE_DEPS and any(
        g.lower_ == "that" and g.dep_ in _THAT_DEPS for g in child.subtree)]


def object_content(ctx: Context, verb: Token, obj: Token, lemma: str, *,
                   learned: bool = False) -> list[tuple[int, int]]:
    """Content carried by a direct object: a quoted object, a reported thing, or "an opinion that ..."."""
    lex = ctx.lex
    if obj.lemma_.lower() in lex.content_nouns or obj.lower_ in lex.content_nouns:
        clauses = _noun_clauses(ctx, obj)
        if clauses:
            return clauses
    s, e = object_with_complements(ctx, verb, obj)
    quoted = any(ctx.mask[i] for i in range(s, e) if ctx.text[i].isalnum())
    if s == obj.idx and obj.pos_ == "PRON" and not ctx.inside_quote(obj):
        return []
    if quoted or ((learned or lemma in lex.report_object) and word_count(ctx.text[s:e]) >= 2):
        return [(s, e)]
    return []
