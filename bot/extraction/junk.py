"""Drop what is not a statement at all: page furniture ("Related: ...", "Read more: ...") and headline kickers.

A pure pass over finished statements. Web pages read as text carry link lists and teasers whose headlines
look like reported speech ("Related: Trump says he will win Ohio"); they are the page's, not the article's.
Headline kickers ("BOMBSHELL: ...", "Wow: ...") are read by the label rule as speakers, and are not sources.
The labels are in ``data/kinds.json`` (``junk_labels``, ``kicker_labels``).
"""

from __future__ import annotations

import re

from bot.extraction.kinds import KindLexicon, kind_lexicon
from bot.extraction.model import Statement

# What may follow a furniture label on its line: a colon, a pipe, a dash, or nothing (a block header).
_LABEL_END = re.compile(r"[ \t\u00a0]*(?:[:|>]|[\u2014\u2013-](?=\s)|$)")
_LINE_OPENERS = " \t\u00a0*•·>-#"  # bullets and markup left by HTML-to-text conversion
# A line ending like a sentence (closing marks aside) is article prose; link headlines end bare.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s*$")


def _furniture_label(line: str, lex: KindLexicon) -> tuple[str, bool] | None:
    """Return (label, whole line?) when ``line`` opens with a furniture label, else None."""
    body = line.lstrip(_LINE_OPENERS)
    lower = body.lower()
    for label in lex.junk_labels:
        if lower.startswith(label):
            end = _LABEL_END.match(body, len(label))
            if end is not None:
                return label, not body[end.end():].strip()
    return None


def _line_bounds(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def in_furniture(text: str, char: int, lex: KindLexicon | None = None) -> bool:
    """Say whether the line at ``char`` is page furniture: it opens with a label, or sits in a labelled block."""
    lex = lex or kind_lexicon()
    start, end = _line_bounds(text, char)
    if _furniture_label(text[start:end], lex) is not None:
        return True
    # "Related stories" on a line of its own, then headline lines (no sentence punctuation) up to this one.
    if _SENTENCE_END.search(text[start:end]):
        return False
    while start > 0:
        start, end = _line_bounds(text, start - 1)
        line = text[start:end].strip()
        if not line:
            continue
        found = _furniture_label(line, lex)
        if found is not None:
            return found[1]
        if _SENTENCE_END.search(line):
            return False
    return False


def is_kicker(statement: Statement, lex: KindLexicon | None = None) -> bool:
    """Say whether the statement's speaker is a headline kicker or byline label ("Wow", "Paid Notice")."""
    lex = lex or kind_lexicon()
    mention = (statement.speaker_mention or "").strip(" \t\u00a0\"\u201c").lower()
    return mention in lex.kicker_labels


def drop_junk(text: str, statements: list[Statement], lex: KindLexicon | None = None) -> list[Statement]:
    """Return the statements that are neither page furniture nor kickers (``text``: what the offsets index)."""
    lex = lex or kind_lexicon()
    return [s for s in statements if not in_furniture(text, s.start, lex) and not is_kicker(s, lex)]


__all__ = ["drop_junk", "in_furniture", "is_kicker"]
