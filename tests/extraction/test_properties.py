"""Properties of the engine on generated input: it never raises (but InputError), offsets are exact, and it is
deterministic. Inputs: arbitrary unicode, and news-like text with unbalanced and nested quotation marks, very
long paragraphs, emoji, zero-width and right-to-left characters. Example counts stay modest: every example is
a spaCy parse, and the suite shares two cores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from bot.errors import InputError
from bot.extraction.model import Extraction
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

MAX_CHARS = 200_000
PROPERTY_SETTINGS = settings(max_examples=25, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "‹", "›", "„", "‚", "「", "」", "``", "''", "″"]
ODD_CHARS = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u200e", "\u200f", "\u202a", "\u202b",
             "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069", "\u00ad", "\u0301", "\t", "\xa0",
             "\u2028", "\u2029", "\r\n", "\r", "\x0c"]
EMOJI = ["😀", "👍🏽", "🇺🇸", "👨‍👩‍👧", "❤️", "🔥", "🤷‍♀️", "\U0001f9d1\u200d\U0001f4bb"]
RTL = ["مرحبا", "שלום", "قال", "אמר", "محمد بن سلمان", "נתניהו"]
WORDS = ["the", "minister", "said", "on", "Tuesday", "that", "we", "will", "not", "leave", "anyone", "behind",
         "according", "to", "a", "spokesman", "he", "she", "they", "told", "reporters", "John", "Kirby",
         "Pentagon", "press", "secretary", "Mr.", "Dr.", "added", "—", "-", ",", ".", "?", "!", ":", ";",
         "(", ")", "in", "an", "interview", "last", "week", "said:", "says", "2021", "Aug.", "24"]
NAMES = ["John Kirby", "Ann Lee", "Dr. Mary O'Neil", "the White House", "a senior official", "Kirby", "he",
         "they", "Muhammad bin Salman", "Benjamin Netanyahu"]

token = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(ODD_CHARS),
    st.sampled_from(EMOJI),
    st.sampled_from(RTL).map(lambda w: w + " "),
    st.sampled_from(["\n", "\n\n", " "]),
    st.text(max_size=3),
)
word = st.sampled_from(WORDS)
# A paragraph in the engine's favourite shapes, with marks that may be unbalanced or nested.
shaped = st.builds(
    lambda open_, inner, close, name, cue, tail: f"{open_}{inner}{close} {name} {cue}{tail}",
    st.one_of(st.just('"'), st.just("“"), st.sampled_from([*QUOTE_MARKS, ""])),
    st.lists(st.one_of(word, word, word, word, st.sampled_from(QUOTE_MARKS), st.sampled_from(EMOJI),
                       st.sampled_from(ODD_CHARS), st.sampled_from(RTL)), min_size=3, max_size=25).map(" ".join),
    st.one_of(st.just(',"'), st.just(",”"), st.sampled_from([*QUOTE_MARKS, ",", ", ", ""])),
    st.sampled_from(NAMES),
    st.sampled_from(["said", "told reporters", "added", "says", "according to", "—", ": "]),
    st.sampled_from([".", ".\n\n", "", "!\n", " on Tuesday.\n\n"]),
)
news_like = st.lists(st.one_of(shaped, shaped, token), min_size=1, max_size=40).map("".join)


def check(text: str, nlp: Language) -> Extraction | None:
    """Extract ``text`` (or accept an InputError) and check every offset; return the extraction."""
    try:
        result = extract(text, nlp=nlp, max_chars=MAX_CHARS)
    except InputError as exc:
        assert str(exc), "an InputError must carry a message for the user"
        return None
    assert result.text == text
    for s in result.statements:
        assert 0 <= s.start < s.end <= len(text), s
        assert text[s.start:s.end] == s.quote, s
        if s.speaker_start is not None or s.speaker_end is not None:
            assert s.speaker_start is not None and s.speaker_end is not None, s
            assert 0 <= s.speaker_start < s.speaker_end <= len(text), s
            assert text[s.speaker_start:s.speaker_end] == s.speaker_mention, s
        if s.cue_start is not None or s.cue_end is not None:
            assert s.cue_start is not None and s.cue_end is not None, s
            assert 0 <= s.cue_start < s.cue_end <= len(text), s
            assert text[s.cue_start:s.cue_end] == s.cue, s
    return result


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode(nlp: Language, text: str) -> None:
    check(text, nlp)


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(news_like)
@example('"We will not leave anyone behind, John Kirby said.')  # unclosed
@example('“He said ‘we will “not” leave’ anyone,” Kirby said. ”')  # nested, stray closer
@example('\u202e"ﺎﺒﺣﺮﻣ" said the minister\u202c. 👨‍👩‍👧 “Fine\u200b,” he\u200d added.')
@example("“" * 40 + " said Kirby " + "”" * 39)
def test_news_like_text_gives_exact_offsets_and_same_output_twice(nlp: Language, text: str) -> None:
    first = check(text, nlp)
    assert check(text, nlp) == first


def one_long_paragraph(parts: list[str], chars: int = 20_000) -> str:
    """Repeat the drawn paragraphs, newlines removed, into one paragraph of at least ``chars`` characters."""
    unit = " ".join(parts).replace("\r", " ").replace("\n", " ").replace("\u2029", " ").replace("\u2028", " ")
    return " ".join([unit] * (chars // (len(unit) + 1) + 1))


@pytest.mark.slow
@settings(PROPERTY_SETTINGS, max_examples=5)
@given(st.lists(shaped, min_size=3, max_size=12).map(one_long_paragraph))
def test_very_long_paragraph(nlp: Language, text: str) -> None:
    assert len(text) >= 20_000 and "\n" not in text
    check(text, nlp)
