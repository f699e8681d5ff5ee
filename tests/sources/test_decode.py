"""Charsets: byte-order marks, declared charsets, <meta> tags, UTF-8 and the Windows-1252 fallback."""

from __future__ import annotations

import pytest

from bot.sources.decode import codec_for, decode_html, decode_text, meta_charset

SAMPLE = "“Café au lait,” said José — twice."


@pytest.mark.parametrize(("label", "codec"), [
    ("utf-8", "utf-8"), ("UTF8", "utf-8"), (" 'utf-8' ", "utf-8"),
    ("iso-8859-1", "cp1252"), ("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("us-ascii", "cp1252"),
    ("windows-1252", "cp1252"), ("iso-8859-15", "iso8859-15"), ("koi8-r", "koi8-r"),
    ("utf-16", "utf-8"), ("no-such-charset", None), (None, None), ("", None),
])
def test_codec_for(label: str | None, codec: str | None) -> None:
    assert codec_for(label) == codec


@pytest.mark.parametrize(("data", "declared"), [
    (SAMPLE.encode("utf-8"), None),
    (SAMPLE.encode("utf-8-sig"), None),
    (SAMPLE.encode("utf-16"), None),  # with its BOM
    (SAMPLE.encode("utf-16"), "iso-8859-1"),  # a BOM beats a wrong label
    (SAMPLE.encode("cp1252"), None),  # not UTF-8: Windows-1252
    (SAMPLE.encode("cp1252"), "iso-8859-1"),  # latin-1 label read as Windows-1252, as browsers do
    (SAMPLE.encode("cp1252"), "utf-8"),  # mislabelled as UTF-8
])
def test_decode_text(data: bytes, declared: str | None) -> None:
    assert decode_text(data, declared) == SAMPLE


def test_meta_charset() -> None:
    assert meta_charset(b'<html><head><meta charset="windows-1252"></head>') == "windows-1252"
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == \
        "ISO-8859-1"
    assert meta_charset(b"<html><head><title>x</title></head>") is None


def test_decode_html_uses_meta_when_header_has_no_charset() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>'
    assert "Привет" in decode_html(page.encode("koi8-r"))


def test_decode_html_header_beats_meta() -> None:
    page = '<html><head><meta charset="utf-8"></head><body>Привет</body></html>'
    assert "Привет" in decode_html(page.encode("koi8-r"), "koi8-r")
