"""Drop what is not a statement at all: page furniture ("Related: ...", "Read more: ..."), headline kickers,
titles in quotation marks, markup left in the text and a masthead's date labels ("Posted: March 14, 2024").

A pure pass over finished statements. Web pages read as text carry link lists and teasers whose headlines
look like reported speech ("Related: Trump says he will win Ohio"); they are the page's, not the article's.
Headline kickers ("BOMBSHELL: ...", "Wow: ...") are read by the label rule as speakers, and are not sources.
The labels are in ``data/kinds.json`` (``junk_labels``, ``kicker_labels``). A show, a book or a speech named in
quotation marks after "on", "in" or a possessive ('said on CNN's "State of the Union."') is a title the quote
rules can take for the speaker's words; so is one named after a work's noun ('in her memoir, "Tough Choices."').
Markup tags left by a page's conversion (``<tweet author="..." ...>``) carry attribute values the rules read as
quotes and tag names they read as cues ("tweet").
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
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"
# What names a title just before its opening quotation mark: a place/medium preposition or a possessive
# ('on "Meet the Press"', 'in his "Contract with America"', 'ABC's "This Week"'); "of" and "to" are left out
# ('a goal of "Peace Through Strength"', 'urged them to "Stop the Steal"' quote words).
# A year may stand between them and the title ('in his 1994 "Contract with America"'). A noun naming a work
# announces a title too ('in his 2012 book, "An American Son"', 'the podcast "Here's the Thing"'): on all 840
# PolNeAR train articles the nouns and the year removed 6 quotes matching no gold and none that matched (dev: 1 and 0).
_TITLE_NOUNS = ("book|memoir|autobiography|novel|podcast|show|program|programme|series|sitcom|film|movie|"
                "documentary|song|album|musical")
_TITLE_OPENER = re.compile(r"(?:\b(?:on|in|at|during|his|her|their|its|my|our|your)|['\u2019]s)(?:\s+(?:1[89]|20)\d\d)?"
                           r"\s*$|\b(?:" + _TITLE_NOUNS + r"),?\s*$", re.IGNORECASE)
_TITLE_MAX_WORDS = 6
# Words a title leaves in lower case ("State of the Union", "Fox and Friends").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with",
                                "from", "vs", "vs.", "&"})


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


def _title_case(words: list[str]) -> bool:
    return bool(words) and len(words) <= _TITLE_MAX_WORDS and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def is_quoted_title(text: str, statement: Statement) -> bool:
    """Say whether a direct quote is a title named in quotation marks ('said on CNN's "State of the Union."')."""
    if statement.type != "direct":
        return False
    start = statement.start
    while start > 0 and text[start - 1] in _QUOTE_MARKS:
        start -= 1
    if start == statement.start and text[start:start + 1] not in _QUOTE_MARKS:
        return False  # (no quotation mark opens it: not a quoted name)
    words = text[statement.start:statement.end].strip(_QUOTE_MARKS + " .,").split()
    return _title_case(words) and _TITLE_OPENER.search(text[:start].rstrip()) is not None


# An HTML/XML tag with attributes left in the text: on all 840 PolNeAR train articles (27 of them embed tweets as
# ``<tweet id=".." author="..">``) the 18 statements touching one matched no gold (13 overlapped none at all).
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+=(?:\"[^\"<>]*\"|'[^'<>]*'))+\s*/?>")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Return the character spans of the markup tags with attributes in ``text``."""
    return [m.span() for m in _MARKUP_TAG.finditer(text)] if "=" in text and "<" in text else []


def in_markup(statement: Statement, tags: list[tuple[int, int]]) -> bool:
    """Say whether the statement's words or its cue overlap a markup tag (``tags``: from :func:`markup_spans`)."""
    spans = [(statement.start, statement.end)]
    if statement.cue_start is not None and statement.cue_end is not None:
        spans.append((statement.cue_start, statement.cue_end))
    return any(s < e2 and s2 < e for s, e in spans for s2, e2 in tags)


# A masthead's date labels, read as verbs of saying ("Posted: March 14, 2024 10:30 AM | Last Updated: ...").
_MASTHEAD_LABELS = frozenset({"posted", "published", "updated", "filed"})


def is_masthead_label(text: str, statement: Statement) -> bool:
    """Say whether the statement's cue is a masthead's date label: "Posted:" at the start of its line."""
    if statement.cue is None or statement.cue_start is None or statement.cue_end is None:
        return False
    line_start, _end = _line_bounds(text, statement.cue_start)
    return (statement.cue.lower() in _MASTHEAD_LABELS and text[statement.cue_end:statement.cue_end + 1] == ":"
            and not text[line_start:statement.cue_start].strip(_LINE_OPENERS + "|"))


def drop_junk(text: str, statements: list[Statement], lex: KindLexicon | None = None) -> list[Statement]:
    """Return the statements that are neither page furniture, kickers, quoted titles nor markup (``text``: what the
    offsets index)."""
    lex = lex or kind_lexicon()
    tags = markup_spans(text)
    return [s for s in statements if not in_furniture(text, s.start, lex) and not is_kicker(s, lex)
            and not is_quoted_title(text, s) and not in_markup(s, tags) and not is_masthead_label(text, s)]


__all__ = ["drop_junk", "in_furniture", "in_markup", "is_kicker", "is_masthead_label", "is_quoted_title",
           "markup_spans"]
