"""The speaker of one statement: its source mention resolved, or the subject its cue hangs from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.resolve import SpeakerResolver, plain_speaker, resolve_mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Relations a cue climbs to find the clause whose subject is the source ("Caddell went on to discuss",
# "he said ... not even needing to mention", "by telling them that").
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "acl", "attr", "npadvmod"})
MAX_CLIMB = 6
MAX_SOURCE_TOKENS = 14
NON_SOURCES = frozenset({"it", "there", "this", "that", "what", "which"})


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
            return None if child.lower_ in NON_SOURCES else child
    return None


def source_of_cue(doc: Doc, cue_start: int) -> Span | None:
    """Return the subject the cue's clause hangs from, for a statement whose source the passes left out."""
    node = _token_at(doc, cue_start)
    for _ in range(MAX_CLIMB):
        if node is None:
            return None
        subject = _subject(node)
        if subject is not None:
            left, right = np_span(subject)
            if right - left > MAX_SOURCE_TOKENS:
                left, right = max(left, subject.i - 4), subject.i + 1
            return doc[left:right]
        if node.dep_ not in CLIMB_DEPS or node.head is node:
            return None
        node = node.head
    return None


def choose_speaker(resolver: SpeakerResolver, mention: tuple[int, int] | None, cue_start: int | None,
                   recent: list[tuple[int, Entity]]) -> SpeakerChoice:
    """Return the speaker of a statement from its source mention (a token range), else from its cue."""
    doc = resolver.doc
    span = doc[mention[0]:mention[1]] if mention is not None else None
    if span is None and cue_start is not None:
        span = source_of_cue(doc, cue_start)
    if span is None:
        return NO_SPEAKER
    entity = resolve_mention(resolver, span, recent)
    if entity is not None:
        recent.append((span.start_char, entity))
        return SpeakerChoice(entity.name, entity.role, span.text, (span.start_char, span.end_char))
    return SpeakerChoice(plain_speaker(span), None, span.text, (span.start_char, span.end_char))
