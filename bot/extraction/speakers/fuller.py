"""A person the NER named by surname only, when the article spells the full name where the NER missed it
("Mehmet Oz — Ivy League-trained surgeon ..." then "Oz said"): the name a reader writes down is the full one."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.entities import DETERMINERS
from bot.extraction.speakers.scan import tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from bot.extraction.speakers.entities import Entity

# Labels a first name the NER tagged may carry and still be read as part of the person's name.
FIRST_NAME_LABELS = frozenset({"", "PERSON"})


def _first_name(tok: Token) -> bool:
    """A capitalised word before a surname that is a first name: a listed one, or one the NER tagged PERSON."""
    lex = people()
    if not tok.is_alpha or not tok.text[:1].isupper() or tok.text.isupper() or tok.ent_type_ not in FIRST_NAME_LABELS:
        return False
    low = tok.lower_
    if low in DETERMINERS or low in lex.titles_male | lex.titles_female | lex.titles_neutral:
        return False
    # ... or a proper noun the parser hangs on the surname ("Mehmet Oz"), which the NER left out.
    compound = (tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.pos_ in {"PROPN", "NOUN"}
                and low not in lex.person_roles)  # "Amandla Stenberg", not "Actress Stenberg"
    return low in lex.male_names or low in lex.female_names or compound or (
        tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN")


def add_full_names(doc: Doc, entities: list[Entity]) -> None:
    """Give a one-word person the full name the article spells once or more ("Oz" -> "Mehmet Oz"), when one
    first name is used with that surname."""
    single = {e.name.lower(): e for e in entities if e.kind == "person" and " " not in e.name}
    if not single:
        return
    taken = {e.name.split()[-1].lower() for e in entities if e.kind == "person" and " " in e.name}
    found: dict[str, Counter[str]] = {}
    for tok in tokens_with(doc, "lower", [k for k in single if k not in taken]):
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and tok.text[:1].isupper() and _first_name(prev):
            found.setdefault(tok.lower_, Counter())[prev.text] += 1
    for key, firsts in found.items():
        if len(firsts) == 1:
            entity = single[key]
            entity.name = f"{next(iter(firsts))} {entity.name}"
