"""Discourse entities and the text helpers that name them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extraction.lexicon import people

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")
# First and second person: the mention is the best answer without a discourse model (an op-ed's "I" aside).
FIRST_SECOND_PERSON = frozenset({"we", "us", "i", "me", "you"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "one"})
_GENERATIONAL = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii"})
_ROLE_STOPWORDS = frozenset({"of", "to", "for", "in", "at", "and"})
# Right dependents that end a noun phrase for naming purposes.
_NP_STOP_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})


@dataclass(slots=True)
class Entity:
    """A discourse entity: one person or organisation with all its mentions."""

    name: str
    kind: str  # "person" | "group"
    gender: str | None = None
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # char offsets of mentions
    subject_positions: list[int] = field(default_factory=list)
    label: str | None = None  # the NER label of the first mention (ORG, NORP, GPE, PERSON)


def clean_name_tokens(span: Span, titles_too: bool = True) -> list[Token]:
    """Return the tokens of a name without determiners, honorifics (unless ``titles_too`` is false: "General
    Motors" keeps its first word) and possessive endings."""
    lex = people()
    titles = lex.titles_male | lex.titles_female | lex.titles_neutral if titles_too else frozenset()
    toks = [t for t in span if not t.is_punct or t.text in {"-", "."}]
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].lower_ in titles):
        if len(toks) == 1 and _after_honorific(toks[0]):
            break  # "Mr. Justice", "Ms. Chancellor": a surname that is also a title
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in {"'s", "’s"}):
        toks = toks[:-1]
    return toks


def drop_glued_word(toks: list[Token]) -> list[Token]:
    """Drop a word the NER glued before a person's first name ("Follow Ian Hanchett", "Billionaire Donald Trump",
    "Founder Beverly Bond"): a first word that is no first name nor an initial, before a listed first name and a
    surname."""
    if len(toks) < 3 or len([t for t in toks if t.lower_ not in _GENERATIONAL]) < 3 or not toks[0].is_alpha:
        return toks
    lex = people()
    if _is_first_name(toks[0].lower_) or not _is_first_name(toks[1].lower_):
        return toks
    proper = toks[0].pos_ == "PROPN" and toks[0].lower_ not in lex.person_roles and not _title_cased(toks[0].sent)
    if not toks[1].text[:1].isupper() or proper:
        return toks  # "Anwar al-Awlaki", "Cornell William Brooks": the first word is a name the lists lack
    return toks[1:]


def _is_first_name(word: str) -> bool:
    lex = people()
    return word in lex.male_names or word in lex.female_names


def _title_cased(sent: Span) -> bool:
    """A headline in title case ("Black Lawmakers Rip Donald Trump As A Fraud"), where every word is a PROPN."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def _after_honorific(tok: Token) -> bool:
    lex = people()
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in lex.titles_male | lex.titles_female


def name_text(tokens: list[Token]) -> str:
    """Return the text of a run of name tokens, without a possessive ending."""
    if not tokens:
        return ""
    # Slice the tokens, not doc.text: Doc.text rebuilds the whole article's text on every access.
    text = tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
    if "\n" in text:
        # An entity the NER ran across a line break ("Donald Trump\nMANCHESTER", "Fault\nTed Cruz"): the name
        # is the line of most words, a dateline or label in capitals last.
        text = max(text.split("\n"), key=lambda line: (not line.isupper(), len(line.split())))
    return POSSESSIVE.sub("", text).strip()


@lru_cache(maxsize=4096)
def surname_key(name: str) -> str:
    """Return the lower-case last word of a name, without Jr./Sr./III."""
    parts = [p for p in re.split(r"\s+", name.lower()) if p not in _GENERATIONAL]
    return parts[-1] if parts else name.lower()


def title_gender(tokens: list[Token]) -> str | None:
    """Return the gender an honorific among ``tokens`` gives ("Mrs.", "Mr."), if any."""
    lex = people()
    for t in tokens:
        if t.lower_ in lex.titles_male:
            return "male"
        if t.lower_ in lex.titles_female:
            return "female"
    return None


def first_name_gender(name: str) -> str | None:
    """Return the gender the first-name lists give for ``name``, if any ("François", "Jean-Yves" too)."""
    lex = people()
    word = name.split()[0].lower() if name.split() else ""
    for first in _first_name_forms(word):
        if first in lex.male_names:
            return "male"
        if first in lex.female_names:
            return "female"
    return None


def is_listed_first_name(word: str) -> bool:
    """Return whether a word is in the first-name lists, accents and a hyphenated second part aside."""
    lex = people()
    return any(f in lex.male_names or f in lex.female_names for f in _first_name_forms(word.lower()))


@lru_cache(maxsize=8192)
def _first_name_forms(word: str) -> tuple[str, ...]:
    """ "françois" -> ("françois", "francois"); "jean-yves" -> (..., "jean")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return (word, folded, folded.split("-")[0]) if folded != word or "-" in word else (word,)


def np_span(root: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``root``, without relative clauses and trailing punctuation."""
    left = root.left_edge.i
    right = root.i
    for child in root.rights:
        if child.dep_ in _NP_STOP_DEPS:
            break
        right = child.right_edge.i
    doc = root.doc
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right + 1


def role_words(text: str) -> set[str]:
    """Lower-case words of a role, without possessive endings and punctuation ("Pentagon's" -> "pentagon")."""
    words = set()
    for w in re.split(r"\s+", text):
        w = POSSESSIVE.sub("", w.strip(".,;:()")).lower()
        if w and w not in DETERMINERS and w not in _ROLE_STOPWORDS:
            words.add(w)
    return words
