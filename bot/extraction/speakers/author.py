"""The author of a first-person piece (an op-ed, an essay): the "I" of its narration.

Opinion pages name their author in a byline ("By Charlotte Meehan") or in a closing one-line biography
("Charlotte Meehan is playwright-in-residence at Wheaton College."); outside quotation marks "I" is that person.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.extraction.speakers.entities import Entity

# First-person pronouns that stand for the author in narration.
AUTHOR_PRONOUNS = frozenset({"i", "me", "my"})
# A closing biography is one short paragraph.
MAX_BIO_CHARS = 400
# A byline sits in the article's first characters.
BYLINE_REACH = 300
_BIO_VERB = re.compile(r"\s*,?\s*(?:is|was|has been|served as)\b")
_BYLINE = re.compile(r"(?:^|\n)\s*By\s+$")


def find_author(doc: Doc, text: str, by_token: dict[int, Entity]) -> Entity | None:
    """Return the person a byline or a closing biography names as the author, if any (``text``: the doc's)."""
    body = text.rstrip()
    last = body.rfind("\n") + 1
    for ent in doc.ents:
        start = ent.start_char
        byline = start < BYLINE_REACH and _BYLINE.search(text[max(0, start - 8):start]) is not None
        bio = start == last and len(body) - last <= MAX_BIO_CHARS and _BIO_VERB.match(text, ent.end_char)
        if not (byline or bio):
            continue
        entity = by_token.get(ent.end - 1)
        if entity is not None and entity.kind == "person":
            return entity
    return None
