"""Objects that say where the words went, not what they said: "addressed the crowd", "addressed the gala".

"Address" reports its object when the object is a topic ("addressed the issue", "addressed voters' worries") and
only names the audience when the object is a gathering or a body of listeners. On all 840 PolNeAR train articles
and dev, the 6 audience objects read as content matched no gold attribution; the topics are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Cues whose object may be the audience rather than the content.
AUDIENCE_CUES = frozenset({"address"})
# Head nouns of gatherings and bodies of listeners.
AUDIENCE_NOUNS = frozenset({
    "assembly", "attendee", "audience", "banquet", "breakfast", "caucus", "ceremony", "chamber", "commencement",
    "conference", "congregation", "convention", "crowd", "delegate", "delegation", "dinner", "event", "forum",
    "gala", "gathering", "graduate", "legislature", "luncheon", "meeting", "nation", "parliament", "rally",
    "session", "student", "summit", "supporter", "symposium", "hall", "troops",
})
# Named gatherings and organisations addressed as a body ("addressed the NAACP", "addressed the Black Women's
# Agenda Symposium").
AUDIENCE_ENTS = frozenset({"ORG", "EVENT", "FAC"})


def is_audience(cue_lemma: str, obj: Token) -> bool:
    """Say whether ``obj``, the object of the cue, is its audience ("addressed the crowd"), not its content."""
    if cue_lemma not in AUDIENCE_CUES:
        return False
    return obj.lemma_.lower() in AUDIENCE_NOUNS or obj.lower_ in AUDIENCE_NOUNS or obj.ent_type_ in AUDIENCE_ENTS
