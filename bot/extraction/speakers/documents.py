"""Documents and organisations as sources: "the report" -> its issuer, "the bank" -> the bank the article names."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extraction.cached import sentences
from bot.extraction.speakers.entities import np_span
from bot.extraction.speakers.names import owner_of
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

    from bot.extraction.speakers.entities import Entity

    Issuer = Entity | Token

# Relations from a document noun up to the verb that says who issued it ("X released a report").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "pobj"})
AGENT_DEPS = frozenset({"nsubj", "agent"})
INDEFINITE = frozenset({"a", "an", "another", "some"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# How far before "the company" the organisation it stands for may be named, when no name carries the word.
NAMED_JUST_BEFORE_CHARS = 600
# Groups the article describes without naming them, or several named ones together.
UNNAMED_LABELS = frozenset({"GENERIC", "PLURAL"})


def is_document(head: Token) -> bool:
    """Return whether a noun names a document or a medium ("the report", "the ad")."""
    docs = rules().document_nouns
    return head.pos_ == "NOUN" and (head.lower_ in docs or head.lemma_.lower() in docs)


ISSUER_POS = frozenset({"NOUN", "PROPN"})


def _agent_inside(head: Token, by_token: dict[int, Entity], unknown: bool = True) -> Issuer | None:
    """The issuer named in the document's own phrase: "the IMF report", "Trump's ad", "a report by the CBO"."""
    owner = owner_of(head, by_token)
    if owner is not None:
        return owner
    preps = rules().document_agent_preps
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            for pobj in child.children:
                found = by_token.get(pobj.i)
                if found is not None:
                    return found
                if unknown and pobj.dep_ == "pobj" and pobj.pos_ in ISSUER_POS:
                    return pobj  # "a statement from the ministry": an issuer the registry does not know, in its words
        if child.dep_ == "acl" and child.lemma_ in rules().issue_verbs:  # "a report released by the CBO"
            issuer = _agent_of_verb(child, by_token)
            if issuer is not None:
                return issuer
    return None


def _agent_of_verb(verb: Token, by_token: dict[int, Entity]) -> Issuer | None:
    """The issuer a verb names: an entity in its subject or agent phrase, else that phrase's head."""
    for child in verb.children:
        if child.dep_ in AGENT_DEPS:
            target = next((g for g in child.children if g.dep_ == "pobj"), child) if child.dep_ == "agent" else child
            found = by_token.get(target.i)
            if found is None:
                left, right = np_span(target)
                found = next((by_token[i] for i in range(left, right) if i in by_token), None)
            return found if found is not None else target
    return None


def _inside(tok: Token, quoted: bytearray) -> bool:
    return tok.idx < len(quoted) and bool(quoted[tok.idx])


def _issuer_here(tok: Token, by_token: dict[int, Entity], quoted: bytearray, unknown: bool = True) -> Issuer | None:
    """The issuer of the document ``tok``: in its own phrase (with ``unknown``, one the registry does not know
    too), else the subject of the verb that issued it."""
    found = _agent_inside(tok, by_token, unknown)
    if found is not None:
        return found
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if tok.dep_ in OBJECT_DEPS and verb.pos_ in {"VERB", "AUX"} and verb.lemma_ in rules().issue_verbs \
            and not _inside(verb, quoted):
        return _agent_of_verb(verb, by_token)
    return None


def _same_document(tok: Token, lemma: str, family: str | None) -> bool:
    """ "the report" ... "the report", or "a web video" ... "the ad": the same document named again."""
    low = tok.lemma_.lower()
    return low == lemma or (family is not None and tok.pos_ == "NOUN" and rules().document_family.get(low) == family)


def _walk(doc: Doc, i: int, step: int, bound: int) -> Iterator[Token]:
    """The tokens from index ``i`` on in direction ``step``, while their offset is strictly inside ``bound``."""
    while 0 <= i < len(doc):
        tok = doc[i]
        if (step < 0 and tok.idx <= bound) or (step > 0 and tok.idx >= bound):
            return
        yield tok
        i += step


def document_issuer(head: Token, by_token: dict[int, Entity], window: int, quoted: bytearray) -> Issuer | None:
    """Return who issued the document ``head`` names: in its own phrase or the verb that issued it, else at
    its nearest earlier mention (by the same noun or one of its family). An issuer the registry does not know
    ("a group of parents sent a letter") comes back as the head token of its noun phrase."""
    found = _issuer_here(head, by_token, quoted)
    if found is not None:
        return found
    doc = head.doc
    lemma = head.lemma_.lower()
    family = rules().document_family.get(lemma) or rules().document_family.get(head.lower_)
    # (walk out from the head and stop at the window: a slice of the whole doc makes a Token of every word)
    earlier = [t for t in _walk(doc, head.i - 1, -1, head.idx - window) if _same_document(t, lemma, family)]
    later = [t for t in _walk(doc, head.i + 1, 1, head.idx + window // 4) if t.lemma_.lower() == lemma]
    for tok in [*earlier, *later]:
        # (an unknown issuer of an earlier "email from X" is not that of "two other emails")
        found = _issuer_here(tok, by_token, quoted, unknown=False)
        if found is not None:
            return found
    return _issuer_by_verb(head, by_token, window, quoted)


def _issuer_by_verb(head: Token, by_token: dict[int, Entity], window: int, quoted: bytearray) -> Issuer | None:
    """ "The appeals court ruled ... the ruling said": the subject of the verb the document comes from."""
    verbs = rules().document_verbs.get(head.lemma_.lower()) or rules().document_verbs.get(head.lower_)
    if not verbs:
        return None
    doc = head.doc
    for tok in reversed(doc[:head.i]):
        if head.idx - tok.idx > window:
            break
        # "she wrote about it" inside a quotation is not the book's author.
        if tok.pos_ == "VERB" and tok.lemma_ in verbs and not _inside(tok, quoted):
            found = _agent_of_verb(tok, by_token)
            if found is not None:
                return found
    return None


def indefinite(head: Token) -> bool:
    """ "a group of parents": someone new, not an organisation named before."""
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children)


def unnamed_group(head: Token) -> bool:
    """ "researchers", "a group of black parents": people the article describes and never names, whose words
    a reader keeps; not "the campaign" or "your campaign", which stand for someone."""
    if head.pos_ != "NOUN" or any(c.dep_ == "poss" for c in head.children):
        return False
    if head.tag_ in PLURAL_TAGS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ in PLURAL_TAGS for g in c.children)
               for c in head.children)


def org_description(head: Token, entities: list[Entity], pos: int, window: int) -> Entity | None:
    """Resolve "the bank" / "the agency" / "the Times" to the nearest organisation whose name fits, else a bare
    "the company" / "the agency" to the organisation named just before."""
    table = rules().org_descriptions
    key = head.lower_ if head.lower_ in table else head.lemma_.lower()
    words = table.get(key)
    if head.pos_ == "PROPN":
        words = frozenset({head.text})  # "the Times", "the Post": a short form of a name
    if not words:
        return None
    best: tuple[int, Entity] | None = None
    listed = words if head.pos_ != "PROPN" else frozenset()
    named = [e for e in entities if _organisation(e, listed) and set(e.name.replace(".", " ").split()) & words]
    for e in named:
        before = [p for p in e.positions if p < pos and pos - p < window]
        after = [p for p in e.positions if p > pos and p - pos < window // 4]
        score = max(before) if before else (-min(after) if after else None)
        if score is not None and (best is None or score > best[0]):
            best = (score, e)
    headline_end = sentences(head.doc)[0].end_char
    if best is None and len(named) == 1 and _bare_the(head) and named[0].positions[-1] >= headline_end:
        return named[0]  # "the union" long before the article names the only union it mentions (not a headline)
    if best is None and key in rules().org_named_before and _bare_the(head):
        return _named_just_before(entities, pos, words)
    return best[1] if best else None


def _organisation(e: Entity, listed: frozenset[str]) -> bool:
    """An organisation, or a "person" of no gender or role the NER read into an outlet's name ("Zero Hedge");
    never a place or an unnamed group that only contains the word ("Several former RT journalists", though
    "Police" is "police")."""
    if e.kind == "person":
        return e.gender is None and not e.role_words and len(e.name.split()) > 1
    if e.label in UNNAMED_LABELS or e.label == "GPE":
        return e.name in listed  # ... and a place only when its whole name is one the description lists ("RT")
    return True


def _bare_the(head: Token) -> bool:
    """ "the company" alone: not "a company", "its company", "the companies", "the city of Phoenix"."""
    children = list(head.children)
    return (head.pos_ == "NOUN" and head.tag_ not in PLURAL_TAGS and len(children) == 1
            and children[0].dep_ == "det" and children[0].lower_ == "the")


def _named_just_before(entities: list[Entity], pos: int, words: frozenset[str]) -> Entity | None:
    """The organisation last named shortly before, unless its name says it is another kind of organisation
    ("the agency" is not "Loblaw Companies Ltd.")."""
    others = _kind_words() - words
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.kind != "group" or e.label != "ORG" or set(e.name.replace(".", " ").split()) & others:
            continue
        before = [p for p in e.positions if pos - NAMED_JUST_BEFORE_CHARS <= p < pos]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), e)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """Every word that marks a kind of organisation in a name ("Bank", "Agency", "Ltd.")."""
    return frozenset(w for ws in rules().org_descriptions.values() for w in ws)
