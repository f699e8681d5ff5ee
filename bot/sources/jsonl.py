"""JSON Lines in and out, for ``extract --jsonl`` and ``ingest``: every line gets an answer, always valid JSON.

Reading never raises for one line's content: invalid UTF-8 loses only its bad bytes, a UTF-8/16/32 byte-order
mark or UTF-16 without one is honoured, and a line that is not a JSON object (or nests too deeply, or holds
``NaN``) comes back as an error for that line. Writing escapes what UTF-8 cannot carry (lone surrogates)
instead of dying halfway through a batch.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, AnyStr, cast

from bot.errors import InputError
from bot.sources.decode import SNIFF_BYTES, decode_text, sniff_utf16

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Byte-order marks of encodings whose lines are not ASCII-compatible bytes (UTF-8's is stripped per line).
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


# A line holds one article: at most MAX_ARTICLE_CHARS characters, each up to 6 bytes as a JSON escape
# (\uXXXX), plus the id, the date and the keys. Longer lines are skipped unread, and answered.
JSON_BYTES_PER_CHAR = 6
LINE_OVERHEAD_BYTES = 64 * 1024
DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024
SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class JsonlLine:
    """One non-blank line: its number, the object it holds (when it parsed as one), or why it cannot be read."""

    lineno: int
    record: dict[str, Any] | None
    error: str | None = None


def open_jsonl(path: Path) -> IO[bytes]:
    """Open a JSONL file for :func:`read_jsonl`; raise :class:`InputError` when it cannot be read."""
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a JSONL file")
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def max_line_bytes(max_article_chars: int) -> int:
    """Return the longest line worth reading for texts of ``max_article_chars`` (escapes, id and date included)."""
    return max_article_chars * JSON_BYTES_PER_CHAR + LINE_OVERHEAD_BYTES


def _capped(readline: Callable[[int], AnyStr], limit: int, newline: AnyStr) -> Iterator[AnyStr | None]:
    """Yield each line of at most ``limit`` units, or None for a longer one (skipped in chunks, never held)."""
    while line := readline(limit + 1):
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        while chunk := readline(SKIP_CHUNK):
            if chunk.endswith(newline):
                break
        yield None


def _text_lines(stream: IO[bytes], limit: int) -> Iterator[str | None]:
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, stream))
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    wide = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None) or sniff_utf16(head)
    if wide is not None:
        text = io.TextIOWrapper(buffered, encoding=wide, errors="replace", newline="\n")
        try:
            yield from _capped(text.readline, limit // 2, "\n")  # at least two bytes a character
        finally:
            text.detach()  # the caller closes the stream it opened
        return
    for number, raw in enumerate(_capped(buffered.readline, limit, b"\n")):
        if raw is None:
            yield None
            continue
        if number == 0 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        yield decode_text(raw)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _parse(line: str) -> tuple[Any, str | None]:
    try:
        return json.loads(line, parse_constant=_refuse_constant), None
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    except RecursionError:
        return None, "not valid JSON (nested too deeply)"
    except ValueError as exc:  # NaN, Infinity, an integer of more than 4,300 digits
        return None, f"not valid JSON ({exc})"


def is_json_safe(value: object) -> bool:
    """Return whether ``value`` can be written back as strict JSON (no NaN or infinite numbers inside)."""
    if isinstance(value, float):
        return math.isfinite(value)
    try:
        json.dumps(value, allow_nan=False)
    except (ValueError, TypeError, RecursionError):
        return False
    return True


def clean_text(text: str) -> str:
    """Return ``text`` with lone surrogates (which no file or database can hold) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def read_jsonl(stream: IO[bytes], max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[JsonlLine]:
    """Yield every non-blank line of a JSONL byte stream as an object or an error; never raise for content.

    A line over ``max_bytes`` is skipped without being held, and answered as an error.
    """
    for lineno, line in enumerate(_text_lines(stream, max_bytes), 1):
        if line is None:
            yield JsonlLine(lineno, None, f"the line is over {max_bytes:,} bytes (MAX_ARTICLE_CHARS); not read")
            continue
        if not line.strip():
            continue
        obj, error = _parse(line)
        if error is not None:
            yield JsonlLine(lineno, None, error)
        elif not isinstance(obj, dict):
            yield JsonlLine(lineno, None, 'expected an object like {"id": ..., "text": ...}')
        elif not is_json_safe(obj.get("id")):
            yield JsonlLine(lineno, None, "the id cannot be written back as JSON (NaN, or a number too large)")
        else:
            if isinstance(obj.get("text"), str):
                obj["text"] = clean_text(obj["text"])
            yield JsonlLine(lineno, obj)


def count_lines(stream: IO[bytes], max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> int:
    """Return how many non-blank lines a JSONL byte stream has (each gets an answer)."""
    return sum(1 for line in _text_lines(stream, max_bytes) if line is None or line.strip())


def dump_line(obj: dict[str, Any]) -> str:
    """Return ``obj`` as one line of strict JSON that UTF-8 can carry (newline included)."""
    try:
        line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escaped, the id still reads back the same
        line = json.dumps(obj, ensure_ascii=True, allow_nan=False)
    return line + "\n"
