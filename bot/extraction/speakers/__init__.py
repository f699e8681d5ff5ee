"""Speaker resolution without a coreference model.

A small discourse model in the spirit of Hobbs (1978) and the salience rules of Lappin & Leass (1994):
named entities are clustered by surname ("Kirby" -> "John Kirby"), each person gets a gender (honorific, first-name
lists, pronouns already resolved to them) and a role ("Pentagon spokesman", from pre-name modifiers or an
appositive); a pronoun resolves to the most salient compatible entity before it (the previous speaker first, then
subjects of the nearest sentences, then any mention); a description ("the diplomat", "a Pentagon spokesman")
resolves to the person introduced with a matching role.
"""

from __future__ import annotations

from bot.extraction.speakers.assign import SpeakerChoice, choose_speaker, source_of_cue
from bot.extraction.speakers.config import SpeakersConfig
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.resolve import SpeakerResolver, plain_speaker, resolve_mention

_np_span = np_span  # the name the attribution passes import

__all__ = ["Entity", "SpeakerChoice", "SpeakerResolver", "SpeakersConfig", "_np_span", "choose_speaker", "np_span",
           "plain_speaker", "resolve_mention", "source_of_cue"]
