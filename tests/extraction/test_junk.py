"""Constructions that are not statements at all, beyond page furniture (tests/extraction/test_kinds.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.junk import is_quoted_title
from bot.extraction.model import Statement, StatementType
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (name, article, quoted words, kept as a statement?)
TITLE_CASES = [
    ("a show after 'on' and a possessive",
     '"The White House is out of touch," Flynn said Thursday on Fox News\'s "Fox and Friends." "There is a lot of '
     'frustration."', "Fox and Friends", False),
    ("a show after a possessive", '"We need to step away from that," Pence said on CNN\'s "State of the Union."',
     "State of the Union", False),
    ("a show after 'to' and a possessive", '"She just made it up," he said during a call to ABC\'s "This Week."',
     "This Week", False),
    ("the speaker's words beside the title stay", '"We need to step away from that," Pence said on CNN\'s '
     '"State of the Union."', "We need to step away", True),
    ("a slogan after 'of' is quoted words", 'In his speech, Trump proclaimed a goal of "Peace Through Strength."',
     "Peace Through Strength", True),
    ("a capitalised quote of its own is words", '"We will win," Doe said. "Believe Me."', "Believe Me", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_quoted_titles_are_not_statements(nlp: Language, text: str, words: str, kept: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(s.quote.startswith(words) for s in statements) is kept


def _statement(text: str, words: str, type_: StatementType) -> Statement:
    start = text.index(words)
    return Statement(type_, words, start, start + len(words), "Doe", "Doe", None, "said")


# (name, sentence, quoted words, statement type, a quoted title?)
QUOTED_TITLE_SPANS: list[tuple[str, str, str, StatementType, bool]] = [
    ("title in his", 'Gingrich included it in his "Contract with America."', "Contract with America", "direct", True),
    ("no quotation mark", "Doe spoke on Meet the Press today.", "Meet the Press", "direct", False),
    ("not title case", 'Doe said on "the radio show" that it was over.', "the radio show", "direct", False),
    ("too long for a title", 'Doe said on "Meet The Press And Friends And The Rest Of Us" that it was over.',
     "Meet The Press And Friends And The Rest Of Us", "direct", False),
    ("only a direct quote is read as a title", 'Doe said on "Meet the Press."', "Meet the Press", "mixed", False),
]


@pytest.mark.parametrize(("text", "words", "type_", "title"), [c[1:] for c in QUOTED_TITLE_SPANS],
                         ids=[c[0] for c in QUOTED_TITLE_SPANS])
def test_is_quoted_title(text: str, words: str, type_: StatementType, title: bool) -> None:
    assert is_quoted_title(text, _statement(text, words, type_)) is title
