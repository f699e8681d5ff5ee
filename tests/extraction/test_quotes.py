"""Quotation-mark regions, without a model: every convention the engine reads."""

from __future__ import annotations

import pytest

from bot.extraction.quotes import classify, continues_next_paragraph, quote_mask, quoted_regions


def inner(text: str) -> list[str]:
    return [text[r.inner_start:r.inner_end] for r in quoted_regions(text)]


@pytest.mark.parametrize(
    ("construction", "text", "expected"),
    [
        ("curly double", "He said: “We are done.” Then left.", ["We are done."]),
        ("straight double", 'He said: "We are done." Then left.', ["We are done."]),
        ("guillemets", "Il a dit « c'est fini » hier.", ["c'est fini"]),
        ("reversed guillemets", "Er sagte »es ist vorbei« gestern.", ["es ist vorbei"]),
        ("german low-high", "Er sagte „es ist vorbei“ gestern.", ["es ist vorbei"]),
        ("single curly", "She called it ‘a total disaster’ today.", ["a total disaster"]),
        ("apostrophes are not quotes", "It’s the Taliban’s choice, isn’t it?", []),
        ("ptb backticks", "He said ``we will win'' loudly.", ["we will win"]),
        ("two quotes around a cue", "“A is true,” he said, “and B too.”", ["A is true,", "and B too."]),
        ("unclosed ends at paragraph", "“This runs on\n\nNext paragraph.", ["This runs on"]),
        ("opening mark typed as the closer, paragraph end", "He said: “We are done.“\n\nThen “he left” town.",
         ["We are done.", "he left"]),
        ("opening mark typed as the closer, before a comma", "“It is over,“ she said. “We lost.”",
         ["It is over,", "We lost."]),
        ("single inside double", "“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice,"]),
        ("closing mark typed as the opener, line start", "Quotes.\n\n”He is our greatest shame.” ― Sonya Herridge",
         ["He is our greatest shame."]),
        ("closing mark typed as the opener, after a space", "She wrote ”we are done” and left.", ["we are done"]),
        ("a closing mark after a space closes nothing else", "“We are done ” she said.", ["We are done"]),
        ("double inside double, same marks", "“I’d rather live in what he calls “hell” than here.” ― Ana Ruiz",
         ["I’d rather live in what he calls “hell” than here."]),
        ("an unclosed opener before a closed quotation restarts", "“We never closed this. Then “a quote” ended.",
         ["a quote"]),
        ("a single mark opening what a straight double mark closes",
         "'You stabbed me,\" a stunned Anna told her twin. Ed said they had \"clear evidence\" of it.",
         ["You stabbed me,", "clear evidence"]),
        ("a single mark opening what a curly double mark closes", "‘We will win,” said Jane Smith.", ["We will win,"]),
        ("a quoted single-mark phrase before a straight double quotation",
         "He said the 'old guard' had lost. \"It's over,\" he added.", ["old guard", "It's over,"]),
    ],
)
def test_regions(construction: str, text: str, expected: list[str]) -> None:
    assert inner(text) == expected, construction


def test_unclosed_quote_only_affects_its_paragraph() -> None:
    text = "“An unclosed quote here.\n\nA plain paragraph, with “a real quote” in it."
    regions = quoted_regions(text)
    assert [r.closed for r in regions] == [False, True]
    assert text[regions[1].inner_start:regions[1].inner_end] == "a real quote"


def test_multi_paragraph_quote_continues() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    first = quoted_regions(text)[0]
    assert not first.closed
    assert continues_next_paragraph(text, first)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("He said “all of it is quoted”.", "all of it is quoted", "direct"),
        ("He said the station would “have a statement next week.”", "the station would “have a statement next week",
         "mixed"),
        ("He said the station would have a statement.", "the station would have a statement", "indirect"),
    ],
)
def test_classify(text: str, span: str, expected: str) -> None:
    start = text.index(span)
    assert classify(text, start, start + len(span), quote_mask(text, quoted_regions(text))) == expected
