"""The speaker of one statement: its source mention resolved, or the subject its cue hangs from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, cues
from bot.extraction.speakers.descriptions import age_description
from bot.extraction.speakers.documents import is_document
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.relatives import relative_antecedent
from bot.extraction.speakers.resolve import SpeakerResolver, resolve_mention
from bot.extraction.speakers.unresolved import (
    owned_by_role,
    plain_speaker,
    pronoun_label,
    spoken_for,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Relations a cue climbs to find the clause whose subject is the source ("Caddell went on to discuss", "Trump will be
# unable to ... accuse", "stopped short of calling",
# "he said ... not even needing to mention", "by telling them that").
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "acl", "attr", "npadvmod", "acomp",
                        "advmod"})
MAX_CLIMB = 6
# How far after an inverted cue its speaker's name may start ("said Thursday morning James Acton").
INVERTED_REACH = 4
MAX_SOURCE_TOKENS = 14
NON_SOURCES = frozenset({"there", "this", "that", "what"})
TIME_LABELS = frozenset({"DATE", "TIME"})
AUDIENCE_PREPS = frozenset({"on", "to"})
DATELINE_MARKS = frozenset("-\u2014\u2013(")
# Words a mention's head climbs through to the phrase it names part of ("Fox" in "Fox News's show").
NAME_PART_DEPS = frozenset({"poss", "compound", "nmod"})
DEMONSTRATIVES = frozenset({"that", "this"})


@dataclass(frozen=True, slots=True)
class SpeakerChoice:
    """The speaker of a statement: resolved name, role, and the source mention with its char offsets."""

    speaker: str | None
    role: str | None
    mention: str | None
    span: tuple[int, int] | None


NO_SPEAKER = SpeakerChoice(None, None, None, None)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _subject(node: Token) -> Token | None:
    for child in node.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in node.children:
        if child.dep_ in SUBJECT_DEPS or (node.pos_ == "NOUN" and child.dep_ == "poss"):
            if child.lower_ == "it" and node.pos_ == "ADJ":
                continue  # "made it clear": the source is who made it so, further up
            # "it was reported that ...", "it became known that ...": a passive "it", or the "it" of a linking verb
            # with an adjective, is the placeholder of the clause it announces, nobody's words.
            expletive = child.lower_ == "it" and (child.dep_ == "nsubjpass"
                                                 or any(c.dep_ == "acomp" for c in node.children))
            return None if child.lower_ in NON_SOURCES or expletive else child
    return None


def _name_span(doc: Doc, i: int) -> Span:
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    return ent if ent is not None else doc[i:i + 1]


def _first_name_before(verb: Token, by_token: dict[int, Entity], quoted: bytearray | None = None) -> Span | None:
    """A clause the parser left without a subject ("..., Obama and Clinton call them"): its first name
    (outside quotation marks when ``quoted`` is given)."""
    doc = verb.doc
    for tok in doc[verb.sent.start:verb.i]:
        entity = by_token.get(tok.i)
        if entity is not None and entity.kind == "person" and not (quoted is not None and quoted[tok.idx]):
            return _name_span(doc, tok.i)
    return None


def _name_beside_cue(doc: Doc, cue_start: int, by_token: dict[int, Entity], quoted: bytearray) -> Span | None:
    """The person an inverted cue names ("...," said James Acton), else the first one named before it outside
    the quotation: for a cue whose parsed subject is a word of the quotation."""
    verb = _token_at(doc, cue_start)
    if verb is None:
        return None
    for tok in doc[verb.i + 1:min(len(doc), verb.i + 1 + INVERTED_REACH)]:
        entity = by_token.get(tok.i)
        if entity is not None and entity.kind == "person":
            return _name_span(doc, tok.i)
        if tok.is_punct and tok.text not in {",", "."}:
            break
    return _first_name_before(verb, by_token, quoted)


def source_of_cue(doc: Doc, cue_start: int, by_token: dict[int, Entity] | None = None) -> Span | None:
    """Return the subject the cue's clause hangs from, for a statement whose source the passes left out."""
    node = _token_at(doc, cue_start)
    if node is not None and any(c.dep_ == "nsubjpass" for c in node.children):
        # "The magnate was expected to cruise ...", "it was revealed that ...": a passive cue without its "by"
        # agent (the passes read the agent) names no source; its subject is what is reported about.
        return None
    for _ in range(MAX_CLIMB):
        if node is None:
            return None
        subject = _subject(node)
        if subject is not None:
            left, right = np_span(subject)
            if right - left > MAX_SOURCE_TOKENS:
                left, right = max(left, subject.i - 4), subject.i + 1
            return doc[left:right]
        small_clause = node.pos_ == "ADJ" and node.dep_ == "ccomp"  # "made it clear"
        if (node.dep_ not in CLIMB_DEPS and not small_clause) or node.head.i == node.i:
            break
        node = node.head
    if node is not None and node.dep_ == "ROOT" and node.pos_ in {"VERB", "AUX"} and by_token is not None:
        return _first_name_before(node, by_token)
    return None


def _medium(root: Token) -> bool:
    """ "said on Fox News", "on Fox News's 'Fox and Friends'", "told to reporters": the medium or the audience."""
    while root.dep_ in NAME_PART_DEPS and root.head.i != root.i and (root.dep_ != "poss" or root.head.pos_ == "PROPN"):
        root = root.head  # ... but "a fact-check on Trump's claim": the claim's owner is no medium
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in AUDIENCE_PREPS and prep.head.lower_ != "according"


def _not_a_source(span: Span) -> bool:
    """A time ("said Thursday morning"), a dateline ("WASHINGTON —") or a medium ("on Fox") read as the source
    (but an age the NER tags as a date is a person: '"…," said the 46-year-old')."""
    root = span.root
    if (root.ent_type_ in TIME_LABELS and not age_description(root)) or _medium(root):
        return True
    expletive = root.lower_ == "it" and (root.dep_ == "dobj" or root.head.pos_ == "ADJ")  # "made it clear"
    if len(span) == 1 and (root.lower_ in DEMONSTRATIVES or expletive):
        return relative_antecedent(span) is None  # "That's a fraction of what experts say"
    after = span.doc[span.end].text if span.end < len(span.doc) else ""
    return span.text.isupper() and len(span.text) > 3 and after[:1] in DATELINE_MARKS


def _quoted_only(quoted: bytearray, span: Span, cue_start: int) -> bool:
    """The mention lies inside quotation marks and the cue outside them."""
    inside = span.start_char < len(quoted) and bool(quoted[span.start_char])
    return inside and cue_start < len(quoted) and not quoted[cue_start]


def _usable(span: Span | None) -> Span | None:
    """The span itself, or for a dateline or a time the name in apposition to it ("WASHINGTON -- President
    Obama, ... said"), or None."""
    if span is None or not _not_a_source(span):
        return span
    appos = next((c for c in span.root.children if c.dep_ == "appos" and c.i > span.root.i), None)
    if appos is None or appos.ent_type_ in TIME_LABELS:
        return None
    left, right = np_span(appos)
    return span.doc[left:right]


def choose_speaker(resolver: SpeakerResolver, mention: tuple[int, int] | None, cue_start: int | None,
                   recent: list[tuple[int, Entity]]) -> SpeakerChoice:
    """Return the speaker of a statement from its source mention (a token range), else from its cue."""
    doc = resolver.doc
    span = _usable(doc[mention[0]:mention[1]]) if mention is not None else None
    if span is not None and cue_start is not None and _quoted_only(resolver.quoted, span, cue_start):
        span = None  # "Sanders said, suggesting ... 'do you really think'": the quotation's "you" is not the source
    if span is None and cue_start is not None:
        span = _usable(source_of_cue(doc, cue_start, resolver.by_token))
        if span is not None and _quoted_only(resolver.quoted, span, cue_start):
            span = _name_beside_cue(doc, cue_start, resolver.by_token, resolver.quoted)
    if span is None:
        return NO_SPEAKER
    span = _name_before_misread_verb(span, resolver.by_token) or span
    # "an architect who said", "the Chicago Police Department, which reported": the relative's antecedent.
    source = relative_antecedent(span) or span
    entity = resolve_mention(resolver, source, recent)
    where = (span.start_char, span.end_char)
    if entity is not None:
        recent.append((span.start_char, entity))
        return SpeakerChoice(entity.name, entity.role, span.text, where)
    plain = spoken_for(resolver, source, recent) or owned_by_role(resolver, source, recent) or plain_speaker(source)
    if plain is not None and (label := pronoun_label(source)) is not None:
        recent.append((span.start_char, Entity(name=plain, kind="group", label=label, positions=[span.start_char])))
    return SpeakerChoice(plain, None, span.text, where)


def _name_before_misread_verb(span: Span, by_token: dict[int, Entity]) -> Span | None:
    """ "that Trump demands accountability ..., yet refuses": a name, then a reporting verb the parser read as a
    plural noun of a compound ("demands"): the name is the mention, the rest its clause."""
    for tok in span[1:]:
        if tok.dep_ != "compound" or tok.tag_ != "NNS" or tok.head.i >= span.end or not tok.lower_.endswith("s"):
            continue
        verb = tok.lower_[:-1]
        if verb not in cues().speech or verb in cues().content_nouns or is_document(tok):
            continue
        words = [t for t in span.doc[span.start:tok.i] if not t.is_punct and t.lower_ not in {"the", "a"}]
        if words and all(t.i in by_token for t in words):  # ("the rules committee report": no name, no mention)
            return span.doc[span.start:tok.i]
    return None


