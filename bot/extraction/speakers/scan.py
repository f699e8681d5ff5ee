"""Cheap token scans: find the few tokens a rule needs through the Doc's attribute arrays, not per-token objects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ATTRS = {"lower": LOWER, "lemma": LEMMA, "dep": DEP}


def tokens_with(doc: Doc, attr: str, values: Iterable[str]) -> list[Token]:
    """Return the tokens whose ``attr`` ("lower", "lemma" or "dep") is one of ``values``, in text order."""
    if len(doc) == 0:
        return []
    wanted = {get_string_id(v) for v in values}
    column = doc.to_array([_ATTRS[attr]]).ravel().tolist()
    return [doc[i] for i, h in enumerate(column) if h in wanted]
