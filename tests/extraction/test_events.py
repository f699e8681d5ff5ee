"""Named occasions: the cheap word test before the regex finds exactly what the full scan finds (no model)."""

from __future__ import annotations

import re

import pytest

from bot.extraction.dating.events import match_named, named_events, required_words

WORDS = [
    ("Face the Nation", ("Nation",)),
    ("CNN[’']s [\"“]?State of the Union", ("State",)),
    ("Martin Luther King(?:,? Jr\\.)? Day", ("Martin",)),
    ("Independence Day|the Fourth of July", ("Independence", "Fourth")),
    ("(?:the )?first (?:presidential |general[- ]election )?debate", ("debate",)),
    ("(?:the )?vice[- ]presidential debate", ("presidential",)),
]

TEXT = ("On Face the Nation and later on CNN's “State of the Union”, before Labor Day and Thanksgiving Day, "
        "after the first presidential debate and the vice-presidential debate, on the Fourth of July, on "
        "Martin Luther King, Jr. Day and Presidents’ Day, she said. Christmas Eve. New Year's Day.")


@pytest.mark.parametrize(("name", "words"), WORDS, ids=[w[0] for w in WORDS])
def test_required_words(name: str, words: tuple[str, ...]) -> None:
    assert required_words(name) == words


def test_every_shipped_occasion_has_words_its_matches_contain() -> None:
    for event in named_events():
        for m in event.pattern.finditer(TEXT):
            assert any(word in m.group(0) for word in event.keywords), (event.pattern.pattern, m.group(0))


def test_the_word_test_finds_what_a_full_scan_finds() -> None:
    every = re.compile("|".join(f"(?:{e.pattern.pattern})" for e in named_events()))  # the scan without the test
    full = sorted((m.start(), m.end()) for m in every.finditer(TEXT))
    assert len(full) >= 10
    assert sorted((t.start, t.end) for t in match_named(TEXT)) == full
    assert match_named("Nothing named here, said the mayor.") == []
