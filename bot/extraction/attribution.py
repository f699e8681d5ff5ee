"""Find attributed statements in a parsed doc (work in progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_statements(doc: Doc, text: str) -> list[Statement]:
    """Return the statements of ``doc`` (whose text has the same offsets as ``text``)."""
    return []
