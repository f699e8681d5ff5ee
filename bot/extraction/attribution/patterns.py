"""Surface patterns of attribution that need no parse: dash bylines and transcript or headline labels."""

from __future__ import annotations

import re

# '“...” ― Sonya Herridge': a dash, then a capitalised name of up to five words (with name particles).
DASH_NAME = re.compile(r"""
    [ \t\u00a0]*
    (?P<dash>[\u2015\u2014\u2013]|--?)          # horizontal bar, em or en dash, or one or two hyphens
    [ \t\u00a0]*
    (?P<name>
        [A-Z][\w.’'-]*                            # the first name word, capitalised
        (?:[ \t\u00a0]+(?:[A-Z][\w.’'-]*|de|van|von|da|del|la|bin|al-\w+)){0,4}  # more words or particles
    )""", re.VERBOSE)

# "PENCE: Well, ..." (transcripts) and "Poll: Voters abandon ..." (headlines): a short label before a colon.
LABEL = re.compile(r"""
    [ \t\u00a0]*
    ["\u201c]?                                    # a quotation mark may open the line
    (?P<label>[A-Z][\w.’'-]*(?:[ \t\u00a0]+[A-Z][\w.’'-]*){0,3})  # up to four capitalised words
    [ \t\u00a0]*:
    [ \t\u00a0]+(?=\S)                            # the colon, then the text on the same line
    """, re.VERBOSE)

# Words that make a "Label:" a section marker or a byline rather than a speaker.
NOT_LABELS = frozenset({"latest", "clarification", "update", "updated", "note", "editor", "correction", "photo",
                        "video", "watch", "read",
                        "related", "source", "sources", "caption", "image", "credit", "warning", "breaking",
                        "q", "a", "question", "answer", "by", "from", "to", "subject", "date", "re", "tags",
                        "topics", "see", "also", "more", "click", "follow", "share", "advertisement",
                        "transcript", "listen", "live", "analysis", "opinion", "exclusive", "trending",
                        "interview", "explainer", "factbox", "timeline", "review", "profile", "obituary"})

# An interview's question and answer labels ("Q: ...", "A. ...", "Question: ...").
QUESTION_LINE = re.compile(r"[ \t\u00a0]*(?:Q|Question)[ \t\u00a0]*[:.][ \t\u00a0]+(?=\S)")
ANSWER_LINE = re.compile(r"[ \t\u00a0]*(?:A|Answer)[ \t\u00a0]*[:.][ \t\u00a0]+(?=\S)")
