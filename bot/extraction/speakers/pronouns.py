"""Pronoun antecedents: the most salient compatible entity before the pronoun (after Lappin & Leass, 1994)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.registry import as_full_name

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.speakers.entities import Entity

Compatible = Callable[["Entity", bool], bool]


@dataclass(frozen=True, slots=True)
class Fresh:
    """Salient person mentions (char offset, entity) outside quotations since ``floor``, the start of the
    narration sentence before the pronoun's sentence."""

    floor: int
    mentions: tuple[tuple[int, Entity], ...]
    # Pronouns that are subjects there: "He is not only reclaiming Patriot's mines" goes on about the same man.
    pronoun_subjects: frozenset[str] = frozenset()
    # People of the pronoun's own sentence whose phrase holds the pronoun's clause ("Mr. Trump's appearance, in
    # which he said"), not those of a clause beside it ("If Trump loses, he said ...").
    governing: tuple[Entity, ...] = ()
    # Where the pronoun's own sentence starts: a person put on stage there after the previous speaker's last
    # mention takes over ("..., said David Gorski. ¶ Oz's advice earned him a hearing, where he appeared").
    sentence_start: int = 0
PRONOUN_KINDS = frozenset({"male", "female", "plural", "neuter"})
# Entities only "they" can refer to: several people named together, a plural noun phrase ("environmentalists").
# An unnamed plural source ("critics", "show insiders"): the next "they".
GENERIC_LABEL = "GENERIC"
PLURAL_ONLY = frozenset({"PLURAL", GENERIC_LABEL})
# An unnamed organisation that spoke ("the premier's office"): the next "it", never "he" or "they".
BODY_LABEL = "BODY"
# Speakers a pronoun of another kind looks past to the statement before ("his show's listeners", "the ministry").
PASSED_OVER = frozenset({GENERIC_LABEL, BODY_LABEL})
OPENING = frozenset("\u201c")
CLOSING = frozenset("\u201d")
# The characters the quotation scan acts on: it steps over every other one.
_MASK_SCAN = re.compile('[\n"' + "".join(OPENING | CLOSING) + "]")


def compatibility(kind: str) -> Compatible:
    """Return the test an entity must pass to be the antecedent of a pronoun of ``kind``."""
    def compatible(e: Entity, strict: bool) -> bool:
        if kind in {"male", "female"}:
            if e.kind != "person":
                return False
            return e.gender == kind if strict else e.gender in (None, kind)
        if e.kind != "group" or (e.label in PLURAL_ONLY and kind != "plural"):
            return False
        # A speaking "it"/"they" is an organisation before a place ("it said" of a country is rarer).
        return e.label != "GPE" or not strict
    return compatible


def quoted_mask(text: str) -> bytearray:
    """Mark the characters inside quotation marks (an unclosed quote ends with its paragraph)."""
    mask = bytearray(len(text))
    start: int | None = None
    for m in _MASK_SCAN.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if start is not None:
                mask[start:i] = b"\x01" * (i - start)
            start = None
        elif ch in OPENING or (ch == '"' and start is None):
            start = i
        elif (ch in CLOSING or ch == '"') and start is not None:
            mask[start:i + 1] = b"\x01" * (i + 1 - start)
            start = None
    return mask


def nearest(entities: list[Entity], pos: int, floor: int, compatible: Compatible, *, subjects_only: bool,
            strict: bool = True, quoted: bytearray | None = None) -> Entity | None:
    """Return the compatible entity with the last mention in [floor, pos), outside quotations when ``quoted``."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        positions = e.subject_positions if subjects_only else e.positions
        for p in positions:
            if quoted is not None and p < len(quoted) and quoted[p]:
                continue
            if floor <= p < pos and (best is None or p > best[0]) and compatible(e, strict):
                best = (p, e)
    return best[1] if best else None


def _fresh_rival(fresh: Fresh, speaker: Entity, pronoun: str, compatible: Compatible,
                 spoke_since: bool) -> Entity | None:
    """A person of known matching gender put on stage since the previous speaker last spoke, when neither the
    previous speaker nor a pronoun like this one is on stage there; or, even so, one put on stage in the
    pronoun's own sentence after the previous speaker's last mention."""
    if pronoun in fresh.pronoun_subjects:
        return None
    last = max((o for o, e in fresh.mentions if e is speaker), default=None)
    if spoke_since or last is not None:
        after = max(last if last is not None else -1, fresh.sentence_start - 1)
        # In the pronoun's own sentence a person of unknown gender is a candidate too (Hobbs's search).
        rivals = [e for o, e in fresh.mentions if o > after and e is not speaker
                  and compatible(e, o < fresh.sentence_start)]
    else:
        rivals = [e for _, e in fresh.mentions if compatible(e, True)]
    return rivals[-1] if rivals else None


def _previous_speaker(entities: list[Entity], pronoun: Token, window_start: int, recent: list[tuple[int, Entity]],
                      compatible: Compatible, outside: bytearray | None, fresh: Fresh | None) -> Entity | None:
    """The last statement's speaker when compatible, unless a person put on stage since or a closer subject that
    fits intervenes."""
    pos = pronoun.idx
    for offset, e in reversed(recent):
        if offset >= pos:
            continue
        if offset < window_start:
            break
        if compatible(e, False):
            if fresh is not None:
                spoke_since = any(fresh.floor <= o < pos and x is e for o, x in recent)
                rival = _fresh_rival(fresh, e, pronoun.lower_, compatible, spoke_since)
                if rival is not None:
                    return rival
            closer = nearest(entities, pos, offset, compatible, subjects_only=True, quoted=outside)
            return closer or e
        if e.label in PASSED_OVER:
            continue  # "his show's listeners" in between: "he" still goes on about the earlier speaker
        break
    return None


def resolve_pronoun(entities: list[Entity], pronoun: Token, window_start: int,
                    recent: list[tuple[int, Entity]], quoted: bytearray | None = None, *,
                    strict_only: bool = False, fresh: Fresh | None = None,
                    subjects_only: bool = False) -> Entity | None:
    """Resolve he/she/they/it to the most salient compatible entity between ``window_start`` and the pronoun.

    ``recent`` lists (char offset, entity) of statement speakers already resolved, in text order. A pronoun
    outside quotation marks looks first at mentions outside them: the people a quotation names are rarely
    the one who speaks it. ``fresh`` holds the salient mentions of the narration just before the pronoun: a
    person introduced or made subject there, when the previous speaker is not, takes over ("... concerns Henry
    Crespo, president of the caucus. ¶ “...,” he said").
    """
    kind = people().pronoun_gender.get(pronoun.lower_)
    if kind not in PRONOUN_KINDS:
        return None
    pos = pronoun.idx
    compatible = compatibility(kind)
    outside = quoted if quoted is not None and pos < len(quoted) and not quoted[pos] else None
    # 1. The previous statement's speaker, when it is close and compatible (news discourse continuity).
    found = _previous_speaker(entities, pronoun, window_start, recent, compatible, outside, fresh)
    if found is not None:
        return found
    # 2. A person earlier in the pronoun's own sentence whose phrase holds the pronoun ("Mr. Trump's appearance,
    # in which he said"): Hobbs's search starts in the current sentence.
    if fresh is not None:
        own = [e for e in fresh.governing if compatible(e, True)]
        if own:
            return own[-1]
    # 3. Subjects of the nearest sentences, then any mention, known gender first.
    masks = (outside, None) if outside is not None else (None,)
    for mask in masks:
        for subjects in (True,) if subjects_only else (True, False):
            for strict in (True,) if strict_only else (True, False):
                found = nearest(entities, pos, window_start, compatible, subjects_only=subjects, strict=strict,
                                quoted=mask)
                if found:
                    return found
    return None


def speaker_read_as_body(root: Token, recent: list[tuple[int, Entity]], window: int) -> Entity | None:
    """ "“...,” Mansukh Mandaviya wrote on Twitter. He posted ...": with no person to take a "he", the speaker just
    before whose name the NER read as an organisation's, when it reads as a person's (two or three capitalised
    words, none naming a kind of body)."""
    for offset, e in reversed(recent):
        if offset >= root.idx:
            continue
        if root.idx - offset > window:
            return None
        if e.kind == "group" and e.label == "ORG" and as_full_name(e.name) == e.name:
            return e
        return None  # (only the speaker just before)
    return None
