"""The narration just before a pronoun: who was put on stage there (Lappin & Leass's recency and role weights).

A news paragraph that introduces someone ("..., which concerns Henry Crespo, president of the caucus.") or makes
them a subject is usually followed by that person's words, even when someone else spoke last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS
from bot.extraction.speakers.pronouns import Fresh

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from bot.extraction.speakers.entities import Entity

# Roles that put a person on stage: a subject of any clause, a possessor ("Mr. Obama's bet is ...").
STAGE_DEPS = SUBJECT_DEPS | {"poss"}
# ... or a person described as they are introduced: an appositive, a relative clause ("Clinton — who has called").
INTRODUCING_DEPS = frozenset({"appos", "relcl"})


def _on_stage(tok: Token) -> bool:
    """A subject, a possessor, or a person introduced with an appositive or a relative clause."""
    return tok.dep_ in STAGE_DEPS or any(c.dep_ in INTRODUCING_DEPS and c.i > tok.i for c in tok.children)


def _narration_floor(text: str, sent_starts: list[int], sent: int, quoted: bytearray) -> int:
    """Return the start of the last sentence before sentence ``sent`` with words outside quotation marks."""
    for k in range(sent - 1, -1, -1):
        start = sent_starts[k]
        end = min(sent_starts[k + 1] if k + 1 < len(sent_starts) else len(text), len(quoted))
        if quoted.find(0, start, end) >= 0 and any(
                not quoted[i] and text[i].isalpha() for i in range(start, end)):
            return start
    return 0


def fresh_mentions(doc: Doc, text: str, by_token: dict[int, Entity], sent_starts: list[int], sent: int,
                   pronoun: Token, quoted: bytearray) -> Fresh:
    """Return the people on stage outside quotations between the narration sentence before and ``pronoun``
    (``text``: the doc's text, read once, as ``Doc.text`` rebuilds it on every access)."""
    floor = _narration_floor(text, sent_starts, sent, quoted)
    span = doc.char_span(floor, pronoun.idx, alignment_mode="expand")
    mentions: list[tuple[int, Entity]] = []
    pronouns: set[str] = set()
    for tok in span if span is not None else ():
        if tok.pos_ == "PRON" and tok.dep_ in SUBJECT_DEPS and not quoted[tok.idx]:
            pronouns.add(tok.lower_)
        entity = by_token.get(tok.i)
        if entity is None or entity.kind != "person" or tok.dep_ == "compound" or quoted[tok.idx]:
            continue
        if _on_stage(tok):
            mentions.append((tok.idx, entity))
    sent_start = pronoun.sent.start
    governing = tuple(by_token[t.i] for t in (span if span is not None else ()) if t.i >= sent_start
                      and t.i in by_token and by_token[t.i].kind == "person" and t.dep_ == "poss"
                      and t.head.left_edge.i <= pronoun.i <= t.head.right_edge.i)
    return Fresh(floor, tuple(mentions), frozenset(pronouns), governing, pronoun.sent.start_char)
