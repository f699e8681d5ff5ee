"""Gender of people from the pronouns around their mentions, for names the honorific and first-name lists miss."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.config import SpeakersConfig
from bot.extraction.speakers.scan import tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.extraction.speakers.entities import Entity


def infer_genders(doc: Doc, entities: list[Entity], sent_starts: list[int], cfg: SpeakersConfig,
                  quoted: bytearray | None = None) -> None:
    """Give a gender to each person of unknown gender whom one gender's pronouns follow, unambiguously.

    A he/she votes for a person when that person is the only one mentioned between the start of the previous
    sentence and the pronoun; a person takes a gender on ``gender_min_votes`` votes and ``gender_min_share``.
    A pronoun inside quotation marks does not vote: the speaker's "he" is someone else ("Don't shoot him," she
    says. "He has no weapon.").
    """
    mentions = sorted((p, e) for e in entities if e.kind == "person" for p in e.positions)
    if not mentions:
        return
    offsets = [p for p, _ in mentions]
    pronoun_gender = people().pronoun_gender
    votes: dict[int, Counter[str]] = {}
    owners: dict[int, Entity] = {}
    chain: dict[str, tuple[int, Entity]] = {}  # gender -> (sentence, person) of the last vote
    gendered = [w for w, kind in pronoun_gender.items() if kind in {"male", "female"}]
    for tok in tokens_with(doc, "lower", gendered):
        if quoted is not None and tok.idx < len(quoted) and quoted[tok.idx]:
            continue
        kind = pronoun_gender[tok.lower_]
        sent = bisect_left(sent_starts, tok.idx + 1) - 1
        floor = sent_starts[max(0, sent - 1)]
        window = mentions[bisect_left(offsets, floor):bisect_left(offsets, tok.idx)]
        distinct = {id(e): e for _, e in window}
        if not distinct and kind in chain and sent - chain[kind][0] <= 1:
            # "She shouted ... Her husband ... She said": the pronoun chain goes on with no other person named.
            distinct = {id(chain[kind][1]): chain[kind][1]}
        if len(distinct) != 1:
            continue
        (key, entity), = distinct.items()
        owners[key] = entity
        chain[kind] = (sent, entity)
        votes.setdefault(key, Counter())[kind] += 1
    _settle(votes, owners, cfg)


def _settle(votes: dict[int, Counter[str]], owners: dict[int, Entity], cfg: SpeakersConfig) -> None:
    """Give each person of unknown gender the gender enough of its pronoun votes agree on."""
    for key, counter in votes.items():
        entity = owners[key]
        if entity.gender is not None:
            continue
        kind, n = counter.most_common(1)[0]
        if n >= cfg.gender_min_votes and n / sum(counter.values()) >= cfg.gender_min_share:
            entity.gender = kind
