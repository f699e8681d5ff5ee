"""Hostile bytes, one row each: what a file or page holds, what it declares, and the text it must read as.

One bad byte must cost one character (U+FFFD), not every curly quote of the article; UTF-16 without a
byte-order mark, a wrong label and a cut-off page must still read right. The next gap is one new row.
"""

from __future__ import annotations

import pytest

from bot.settings import Settings
from bot.sources.decode import decode_html, decode_text
from bot.sources.uploads import read_upload

QUOTE = "“We will not back down,” said José Álvarez, the minister. “Never.”"
ARTICLE = "\n".join([QUOTE] * 10)  # 20 direct quotes
ASCII = 'He said "fine" and left.'


def _html(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


# (row id, bytes, declared charset, decoder, the text it must read as)
ROWS: list[tuple[str, bytes, str | None, str, str]] = [
    ("utf8-one-stray-byte", ARTICLE.encode() + b"\xff", None, "text", ARTICLE + "\ufffd"),
    ("utf8-stray-byte-in-the-middle", QUOTE.encode() + b"\x81\n" + QUOTE.encode(), None, "text",
     QUOTE + "\ufffd\n" + QUOTE),
    ("utf8-cut-off-character", ARTICLE.encode() + "“".encode()[:2], None, "text", ARTICLE + "\ufffd"),
    ("utf8-declared-utf8-one-bad-byte", ARTICLE.encode() + b"\xc0", "utf-8", "text", ARTICLE + "\ufffd"),
    ("utf8-one-cp1252-quote-inside", QUOTE.encode() + b" \x93ok" + QUOTE.encode(), None, "text",
     QUOTE + " \ufffdok" + QUOTE),
    ("utf8-labelled-latin1", ARTICLE.encode(), "iso-8859-1", "text", ARTICLE),
    ("utf8-labelled-latin1-every-byte-defined", "It’s ‘fine’, café.".encode(), "iso-8859-1", "text",
     "It’s ‘fine’, café."),
    ("utf8-one-bad-byte-labelled-latin1", ARTICLE.encode() + b"\xff", "iso-8859-1", "text", ARTICLE + "\ufffd"),
    ("cp1252-labelled-latin1", ARTICLE.encode("cp1252"), "iso-8859-1", "text", ARTICLE),
    ("utf16le-without-bom", ARTICLE.encode("utf-16-le"), None, "text", ARTICLE),
    ("utf16be-without-bom", ARTICLE.encode("utf-16-be"), None, "text", ARTICLE),
    ("utf16le-without-bom-labelled-utf8", ASCII.encode("utf-16-le"), "utf-8", "text", ASCII),
    ("utf16-with-bom", ARTICLE.encode("utf-16"), None, "text", ARTICLE),
    ("utf32-with-bom", ARTICLE.encode("utf-32"), None, "text", ARTICLE),
    ("utf8-bom", ARTICLE.encode("utf-8-sig"), None, "text", ARTICLE),
    ("cp1252-undeclared", ARTICLE.encode("cp1252"), None, "text", ARTICLE),
    ("cp1252-labelled-utf8", ARTICLE.encode("cp1252"), "utf-8", "text", ARTICLE),
    ("ascii-with-one-cp1252-quote-pair", b"He said \x93fine\x94 and left.", None, "text",
     "He said “fine” and left."),
    ("koi8r-declared", "Привет, “мир”".encode("koi8-r", errors="replace"), "koi8-r", "text",
     "Привет, “мир”".encode("koi8-r", errors="replace").decode("koi8-r")),
    ("html-meta-utf8-one-bad-byte", _html(ARTICLE, '<meta charset="utf-8">').encode() + b"\xfe", None, "html",
     _html(ARTICLE, '<meta charset="utf-8">') + "\ufffd"),
    ("html-header-latin1-really-utf8", _html(ARTICLE).encode(), "ISO-8859-1", "html", _html(ARTICLE)),
    ("html-meta-cp1252", _html(ARTICLE, '<meta charset="windows-1252">').encode("cp1252"), None, "html",
     _html(ARTICLE, '<meta charset="windows-1252">')),
    ("html-utf16le-without-bom", _html(ARTICLE, '<meta charset="utf-16">').encode("utf-16-le"), None, "html",
     _html(ARTICLE, '<meta charset="utf-16">')),
]


@pytest.mark.parametrize(("data", "declared", "decoder", "expected"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])
def test_hostile_bytes_decode(data: bytes, declared: str | None, decoder: str, expected: str) -> None:
    decode = decode_html if decoder == "html" else decode_text
    assert decode(data, declared) == expected


# (row id, file name, bytes): each must read as the article, every curly quote kept.
UPLOADS: list[tuple[str, str, bytes]] = [
    ("txt-utf8-one-stray-byte", "story.txt", ARTICLE.encode() + b"\xff"),
    ("txt-utf16le-without-bom", "story.txt", ARTICLE.encode("utf-16-le")),
    ("md-utf16be-without-bom", "story.md", ARTICLE.encode("utf-16-be")),
    ("html-utf8-one-stray-byte", "story.html", _html(ARTICLE).encode() + b"\x80"),
]


@pytest.mark.parametrize(("filename", "data"), [r[1:] for r in UPLOADS], ids=[r[0] for r in UPLOADS])
def test_hostile_bytes_upload(filename: str, data: bytes) -> None:
    article = read_upload(filename, data, Settings.from_env({}))
    assert article.text.count("“") == ARTICLE.count("“") == 20
    assert "â€" not in article.text, "mojibake"
    assert article.text.count("\ufffd") <= 1
