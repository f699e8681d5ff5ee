"""Parsing: a text cut into its parse units, parsed with ``nlp.pipe`` in batches, joined into one Doc.

Every parse unit (see :data:`bot.extraction.text.PARSE_UNIT_BREAK`) is parsed on its own and the units are
joined back into one Doc per article. Measured on PolNeAR (dev and train), the model parses paragraphs alone at
least as well as whole articles (a blank line carries no syntax the parser needs, and a parse never runs across
one), batches small pieces evenly, and makes the result independent of how an article is cut up: a paragraph
parses the same in any batch and any process, so :mod:`bot.workers` can parse the paragraphs of one article in
several processes at once and still give the statements the console gives. An article's headline in Title
Case is read in sentence case and its parse put back on its own characters (see :mod:`bot.extraction.headline`).
Pure: spaCy + stdlib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from bot.extraction import headline
from bot.extraction.text import PARSE_UNIT_BREAK

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Paragraphs go through nlp.pipe in batches of about this many characters (at most PIPE_BATCH_SIZE pieces):
# parse memory grows with the characters in a batch, not with the length of the article.
PIPE_BATCH_CHARS = 20_000
PIPE_BATCH_SIZE = 64
# Parse memory also grows with the length of one doc (a 100,000-character doc takes some 350 MB more to
# parse): a paragraph longer than this is cut further (see ``segments``).
SEGMENT_CHARS = 20_000


def segments(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters: after a line break where possible, else after a
    sentence end (". "), else at a space, else anywhere.

    The pieces join back to exactly ``text``.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = -1
        for mark in ("\n", ". ", " "):
            found = text.rfind(mark, start + 1, window_end - len(mark) + 1)
            if found > start:
                cut = found + len(mark)
                break
        if cut <= start:  # one unbroken run of characters: cut anywhere
            cut = window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def paragraphs(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """Cut ``text`` into its parse units (see ``PARSE_UNIT_BREAK``), none longer than ``size`` characters.

    The pieces join back to exactly ``text``; none is empty unless ``text`` is, and only the last (or one cut
    by size) can be all whitespace.
    """
    pieces: list[str] = []
    start = 0
    for match in PARSE_UNIT_BREAK.finditer(text):
        end = match.end()
        if end < len(text) and not text[start:end].isspace():  # blank lines stay with the paragraph after
            pieces.extend(segments(text[start:end], size))
            start = end
    pieces.extend(segments(text[start:], size))
    return pieces


def reading_forms(text: str, pieces: Sequence[str]) -> list[str]:
    """Return what the parser reads for each of ``pieces`` (the parse units of ``text``, in order): the piece
    itself, or the piece with ``text``'s Title Case headline in sentence case (see :mod:`headline`)."""
    forms = list(pieces)
    found = headline.reading(text)
    if found is None:
        return forms
    start, end, form = found
    offset = 0
    for i, piece in enumerate(pieces):
        if offset <= start < offset + len(piece):
            if end <= offset + len(piece):  # a headline cut by size (over 20,000 characters) is read as it is
                forms[i] = piece[:start - offset] + form + piece[end - offset:]
            break
        offset += len(piece)
    return forms


def parse_pieces(nlp: Language, pieces: Iterable[str], batch_size: int = PIPE_BATCH_SIZE,
                 batch_chars: int = PIPE_BATCH_CHARS, forms: Iterable[str] | None = None) -> Iterator[Doc]:
    """Parse ``pieces`` in order, in ``nlp.pipe`` batches of about ``batch_chars`` characters.

    ``forms`` (one per piece, see :func:`reading_forms`) is what the parser reads; each Doc keeps the piece's
    own characters.
    """
    pairs = ((piece, piece) for piece in pieces) if forms is None else zip(pieces, forms, strict=True)
    batch: list[tuple[str, str]] = []
    size = 0
    for pair in pairs:
        batch.append(pair)
        size += len(pair[0])
        if size >= batch_chars or len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch)
            batch, size = [], 0
    if batch:
        yield from _parse_batch(nlp, batch)


def _parse_batch(nlp: Language, batch: list[tuple[str, str]]) -> Iterator[Doc]:
    """Parse the forms of one batch of (piece, form) pairs; yield Docs of the pieces."""
    for (piece, form), doc in zip(batch, nlp.pipe([form for _, form in batch], batch_size=len(batch)),
                                  strict=True):
        yield doc if form == piece else headline.restore(doc, piece)


def join(docs: Sequence[Doc]) -> Doc:
    """Join the parsed paragraphs of one text back into one Doc whose text is exactly the text's."""
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    # spaCy 3.8 takes ``exclude`` (the rules read no tensors); its type stub does not list it yet.
    return Doc.from_docs(list(docs), ensure_whitespace=False,
                         exclude=["tensor", "user_data"])  # type: ignore[call-arg]


def parse(nlp: Language, texts: Iterable[str], batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` in order, paragraph by paragraph (batched across texts); yield one joined Doc per text."""
    texts = list(texts)
    split = [paragraphs(text) for text in texts]
    forms = (form for text, pieces in zip(texts, split, strict=True) for form in reading_forms(text, pieces))
    docs = parse_pieces(nlp, (piece for pieces in split for piece in pieces), batch_size, forms=forms)
    for pieces in split:
        yield join([next(docs) for _ in pieces])
