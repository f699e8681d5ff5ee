"""Organisations the NER missed: a capitalised phrase headed by an organisation word ("the Central and East
European Coalition, which represents ... Americans"), so later "it" and "the coalition" find it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS
from bot.extraction.speakers.entities import DETERMINERS, Entity, np_span
from bot.extraction.speakers.scan import tokens_with
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Lower-case words a name may hold between its capitalised words ("Alliance to Reclaim Our Schools").
NAME_LINKS = frozenset({"of", "and", "for", "to", "on", "the", "&"})
# Entity labels that already name the phrase (an ORG the NER found, a person, a place).
NAMED_LABELS = frozenset({"ORG", "PERSON", "GPE", "FAC"})


def _name_tokens(head: Token) -> list[Token]:
    """The capitalised run of the head's noun phrase around it, without determiners and lower-case edges."""
    left, right = np_span(head)
    toks = list(head.doc[left:right])
    start = next((k for k, t in enumerate(toks) if t.i >= head.i or t.text[:1].isupper()), 0)
    while start < head.i - left and (toks[start].lower_ in DETERMINERS or not toks[start].text[:1].isupper()):
        start += 1
    end = head.i - left + 1
    while end < len(toks) and (toks[end].text[:1].isupper() or toks[end].lower_ in NAME_LINKS):
        if toks[end].is_punct and toks[end].text != "&":
            break
        end += 1
    while end > head.i - left + 1 and toks[end - 1].lower_ in NAME_LINKS:
        end -= 1
    return toks[start:end]


def add_missed_organisations(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Add an organisation for each capitalised phrase of two or more words headed by an organisation word."""
    heads = rules().org_head_words
    for tok in tokens_with(doc, "lower", {h.lower() for h in heads}):
        if tok.pos_ != "PROPN" or tok.text not in heads or tok.i in by_token or tok.ent_type_ in NAMED_LABELS:
            continue
        if tok.dep_ in {"compound", "nmod"} or tok.is_sent_start:
            continue  # "the Coalition Party": the head is further on; a headline's capitals say nothing
        toks = _name_tokens(tok)
        if len(toks) < 2 or any(t.i in by_token or t.ent_type_ in NAMED_LABELS for t in toks):
            continue
        name = doc[toks[0].i:toks[-1].i + 1].text
        entity = next((e for e in entities if e.kind == "group" and e.name == name), None)
        if entity is None:
            entity = Entity(name=name, kind="group", label="ORG")
            entities.append(entity)
        entity.positions = sorted([*entity.positions, toks[0].idx])
        if tok.dep_ in SUBJECT_DEPS:
            entity.subject_positions = sorted([*entity.subject_positions, toks[0].idx])
        for t in toks:
            by_token[t.i] = entity
