"""Bytes to text: byte-order marks, UTF-16 without a mark, declared charsets (HTTP header, ``<meta>``), UTF-8
(with only its bad bytes replaced when the rest is UTF-8), then Windows-1252.

Labels follow the WHATWG encoding standard where it matters for news pages: ``iso-8859-1``, ``latin1`` and
``us-ascii`` are read as Windows-1252, as browsers do, so the curly quotes (0x93/0x94) that such pages are
full of come out as quotes and not as control characters.
"""

from __future__ import annotations

import codecs
import re

# (BOM, codec) -- longest first, so UTF-32 LE is not taken for UTF-16 LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers treat as Windows-1252 (WHATWG Encoding Standard, "windows-1252" labels).
_WINDOWS_1252_LABELS = frozenset({
    "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
    "ibm819", "iso-ir-100", "csisolatin1", "windows-1252", "cp1252", "x-cp1252", "ansi_x3.4-1968",
})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
META_SCAN_BYTES = 4096
FALLBACK = "cp1252"
# UTF-16 without a BOM: in text of mostly Latin letters, every other byte is NUL. The share of NULs on one side
# that marks UTF-16 (and the most NULs the other side may have), over the first SNIFF_BYTES.
UTF16_NUL_SHARE = 0.3
UTF16_OTHER_SIDE_MAX = 0.02
SNIFF_BYTES = 4096
# Bytes that are not UTF-8 are replaced (U+FFFD) rather than the whole text read as Windows-1252 when the text
# has more well-formed multi-byte UTF-8 characters than bad sequences: one stray byte must not turn every
# curly quote of a UTF-8 article into mojibake.
UTF8_GOOD_PER_BAD = 1.0


def codec_for(label: str | None) -> str | None:
    """Return the Python codec for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A declared UTF-16/32 without a BOM in an ASCII-compatible page is a mistake (WHATWG: read as UTF-8).
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def sniff_utf16(data: bytes) -> str | None:
    """Return "utf-16-le" or "utf-16-be" when the bytes look like UTF-16 without a byte-order mark."""
    head = data[:SNIFF_BYTES]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0:pairs * 2:2].count(0) / pairs
    odd = head[1:pairs * 2:2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even <= UTF16_OTHER_SIDE_MAX:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd <= UTF16_OTHER_SIDE_MAX:
        return "utf-16-be"
    return None


def meta_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def mostly_utf8(data: bytes) -> str | None:
    """Return the text read as UTF-8 with its bad bytes replaced, when the rest of it is UTF-8 (else None)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # minus the U+FFFD that were in the bytes
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return text if good >= UTF8_GOOD_PER_BAD * bad and good > 0 else None


def _decode(data: bytes, declared: str | None) -> str:
    bom = _bom_codec(data)
    if bom is not None:
        return data.decode(bom, errors="replace")
    utf16 = sniff_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    try:
        # Well-formed UTF-8 is UTF-8 whatever a label says: text in a legacy charset with non-ASCII letters
        # almost never is well-formed UTF-8 by chance, and ASCII reads the same either way.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = codec_for(declared)
    # Mostly-UTF-8 text beats a Windows-1252 (latin-1, ascii) label, the one servers send by default; a
    # label naming another charset is believed first.
    default_label = codec in (None, "utf-8", "cp1252")
    if default_label and (repaired := mostly_utf8(data)) is not None:
        return repaired
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # A wrong declaration is common; fall through to detection.
        if not default_label and (repaired := mostly_utf8(data)) is not None:
            return repaired
    # Pages mislabelled as UTF-8 are nearly always Windows-1252.
    fallback = FALLBACK if codec in (None, "utf-8") else codec
    return data.decode(fallback, errors="replace")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a plain-text file or page: BOM, UTF-16, declared charset, UTF-8, then Windows-1252."""
    return _decode(data, declared)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, UTF-16, HTTP charset, ``<meta>`` charset, UTF-8, then Windows-1252."""
    return _decode(data, declared if codec_for(declared) else meta_charset(data))
