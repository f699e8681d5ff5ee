"""Input checks before parsing: empty, too long, binary, not English."""

from __future__ import annotations

import re

from bot.errors import EmptyInput, InputTooLarge, NotEnglish, NotText

# The most frequent English function words; real English prose has a large share of them.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in and or is are was were be been has have had that this it its for on with as by at "
    "from he she they we you i his her their our not but said says will would can could may who which".split()
)
# Control characters other than white space, and the replacement character of a failed decoding.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS_FOR_LANGUAGE_CHECK = 12
MIN_ENGLISH_SHARE = 0.12
# Refused wherever it appears: no article text holds one, and SQLite and C libraries cut strings at it.
NUL = "\x00"


def check_text(text: str, max_chars: int) -> None:
    """Raise an :class:`InputError` subclass when ``text`` cannot be processed as an English article."""
    if not text or not text.strip():
        raise EmptyInput("the text is empty: paste an article, attach a .txt/.html file or give a link")
    if len(text) > max_chars:
        raise InputTooLarge(
            f"the text has {len(text):,} characters; the limit (MAX_ARTICLE_CHARS) is {max_chars:,}"
        )
    if NUL in text:
        # One rule for every input path (files, uploads, pastes, stdin, JSONL): no text holds a NUL.
        raise NotText("the text contains NUL characters: this looks like binary data, not text")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise NotText("this looks like binary data, not article text")
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) >= MIN_WORDS_FOR_LANGUAGE_CHECK:
        share = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / len(words)
        if share < MIN_ENGLISH_SHARE:
            raise NotEnglish(
                "this text does not look like English; the extractor only reads English articles"
            )
    elif not any(ch.isascii() and ch.isalpha() for ch in text):
        raise NotEnglish("this text does not look like English; the extractor only reads English articles")
