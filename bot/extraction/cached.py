"""What a parsed doc rebuilds on every access, computed once per doc: its sentences (spaCy walks every token for
``doc.sents``) and its text (``doc.text`` joins every token). The attribution context, speaker resolution and
dating all read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Where they are kept on the doc (``user_data`` is never serialised: the workers exclude it).
_SENTENCES = "quotebot.sentences"
_TEXT = "quotebot.text"


def sentences(doc: Doc) -> tuple[Span, ...]:
    """Return the doc's sentences (the same tuple on every call for one doc)."""
    found: tuple[Span, ...] | None = doc.user_data.get(_SENTENCES)
    if found is None:
        found = tuple(doc.sents)
        doc.user_data[_SENTENCES] = found
    return found


def text(doc: Doc) -> str:
    """Return the doc's text (the same string on every call for one doc)."""
    found: str | None = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.text
        doc.user_data[_TEXT] = found
    return found
