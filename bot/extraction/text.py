"""What a paragraph and a line are, named by use: one home for the text rules several passes share.

Each definition below serves one reader, and they differ on purpose:

* the **parse units** (:data:`PARSE_UNIT_BREAK`): the pieces the parser sees, one ``nlp.pipe`` input each
  (see :mod:`bot.extraction.parsing`). A blank line ends one, and so does a line break after sentence-final
  punctuation; a line break inside a sentence (hard-wrapped text) does not.
* the **quote lines** (:func:`quote_lines`): the runs of text between line breaks in which quotation marks are
  paired (see :mod:`bot.extraction.quotes`); a quotation crosses a line break only by the AP convention of
  reopening the quote on the next line.
* the **line around a character** (:func:`line_bounds`): the same lines, looked up from one offset, which
  bounds the text an attribution may take from a quote's or a cue's line.
* the **dating paragraphs** (:func:`dating_paragraph_starts`): blank-line paragraphs (single lines when a text
  has no blank line), within which a statement inherits the date of the one before.

Sources write a paragraph break as :data:`PARAGRAPH_SEPARATOR`, which every reader above takes for one.
"""

from __future__ import annotations

import re

# A parse unit ends at a blank line, or at a line break after sentence-final punctuation. The whitespace
# stays with the unit before.
PARSE_UNIT_BREAK = re.compile(r"\n[^\S\n]*\n\s*|(?<=[.!?\"\u201d\u2019)])[^\S\n]*\n\s*")
# A quote line: a maximal run of characters other than a line break.
QUOTE_LINE = re.compile(r"[^\n]+")
# A dating paragraph ends at a blank line (spaces and tabs allowed on it).
DATING_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
# How the sources (HTML, Markdown) separate the paragraphs of the text they produce: one blank line.
PARAGRAPH_SEPARATOR = "\n\n"


def quote_lines(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the non-empty lines of ``text``, in order."""
    return [(m.start(), m.end()) for m in QUOTE_LINE.finditer(text)]


def line_bounds(text: str, char: int) -> tuple[int, int]:
    """Return the ``(start, end)`` offsets of the line holding offset ``char`` (``end`` at its line break)."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, (len(text) if end < 0 else end)


def dating_paragraph_starts(text: str) -> list[int]:
    """Return the start offsets of the dating paragraphs: split at blank lines, or at line breaks if none."""
    breaks = list(DATING_PARAGRAPH_BREAK.finditer(text)) or list(_LINE_BREAK.finditer(text))
    return [0, *(m.end() for m in breaks)]
