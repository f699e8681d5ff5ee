"""Hostile JSON Lines, one row each, through ``extract --jsonl`` and ``ingest``: every non-blank line gets an
answer, every answer is strict JSON in UTF-8, and no input ends the batch with a traceback.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import run_cli
from bot.errors import InputError
from bot.ingest import count_inputs, input_items
from bot.settings import Settings

TEXT = "He said hello to the crowd."


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj).encode() + b"\n"


OK = _line({"id": "ok", "text": TEXT})

# (row id, file bytes, the answers expected in order: (id, whether the answer is an error))
ROWS: list[tuple[str, bytes, list[tuple[Any, bool]]]] = [
    ("invalid-utf8-line", b'{"id": 1, "text": "caf\xe9 \xff said he."}\n' + OK, [(1, False), ("ok", False)]),
    ("invalid-utf8-outside-strings", b'{"id": 2, "text": "x"}\xff\n' + OK, [(None, True), ("ok", False)]),
    ("utf16-file-with-bom", (json.dumps({"id": 3, "text": TEXT}) + "\n" + OK.decode()).encode("utf-16"),
     [(3, False), ("ok", False)]),
    ("utf16le-file-without-bom", (json.dumps({"id": 4, "text": TEXT}) + "\n").encode("utf-16-le"),
     [(4, False)]),
    ("utf8-bom-keeps-the-first-document", codecs.BOM_UTF8 + _line({"id": "first", "text": TEXT}) + OK,
     [("first", False), ("ok", False)]),
    ("nested-100000-deep", b"[" * 100_000 + b"]" * 100_000 + b"\n" + OK, [(None, True), ("ok", False)]),
    ("nested-id", b'{"id": ' + b"[" * 100_000 + b', "text": "x"}\n' + OK, [(None, True), ("ok", False)]),
    ("lone-surrogate-id", b'{"id": "\\ud800", "text": "' + TEXT.encode() + b'"}\n' + OK,
     [("\ud800", False), ("ok", False)]),
    ("lone-surrogate-in-text", b'{"id": 5, "text": "He said \\udc00 hello."}\n' + OK, [(5, False), ("ok", False)]),
    ("nan-id", b'{"id": NaN, "text": "x"}\n' + OK, [(None, True), ("ok", False)]),
    ("infinity-id", b'{"id": -Infinity, "text": "x"}\n' + OK, [(None, True), ("ok", False)]),
    ("overflowing-float-id", b'{"id": 1e400, "text": "x"}\n' + OK, [(None, True), ("ok", False)]),
    ("5000-digit-id", b'{"id": ' + b"9" * 5000 + b', "text": "x"}\n' + OK, [(None, True), ("ok", False)]),
    ("nan-inside-the-text-field", b'{"id": 6, "text": NaN}\n' + OK, [(None, True), ("ok", False)]),
    ("crlf-and-blank-lines", b'{"id": 7, "text": "x."}\r\n\r\n\n' + OK, [(7, False), ("ok", False)]),
    ("nul-bytes-line", b"\x00\x00\x00\x00\x00\x00\n" + OK, [(None, True), ("ok", False)]),
]


def _strict(line: bytes) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(line.decode("utf-8"), parse_constant=refuse)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_env({"LOG_LEVEL": "WARNING"})


@pytest.mark.parametrize(("data", "answers"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_extract_jsonl_answers_every_line(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                          settings: Settings, nlp: object, data: bytes,
                                          answers: list[tuple[Any, bool]]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    assert run_cli(settings, ["extract", "--jsonl", str(path)]) == 0
    out = capsysbinary.readouterr().out
    lines = [_strict(line) for line in out.splitlines()]
    assert [(line["id"], "error" in line) for line in lines] == answers
    assert all(isinstance(line.get("quotes"), list) for line in lines)


@pytest.mark.parametrize(("data", "answers"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_ingest_reads_every_line(tmp_path: Path, data: bytes, answers: list[tuple[Any, bool]]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    items = list(input_items(path))
    assert count_inputs(path) == len(items) == len(answers)
    assert [item.error is not None for item in items] == [error for _, error in answers]
    for item in items:
        item.key.encode("utf-8")  # printable in the summary
        (item.source_name or "").encode("utf-8")  # storable
        (item.text or "").encode("utf-8")


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_extract_jsonl_refuses_a_path_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     settings: Settings, what: str) -> None:
    path = tmp_path / "in.jsonl"
    if what == "folder":
        path.mkdir()
    assert run_cli(settings, ["extract", "--jsonl", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(path) in err


def test_ingest_refuses_an_unreadable_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(OK)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError, match="Permission denied"):
        count_inputs(path)


# (row id, file bytes, answers): lines longer than MAX_ARTICLE_CHARS can fill are skipped unread and answered.
LONG = b'{"id": "long", "text": "' + b"x" * 200_000 + b'"}\n'
LONG_ROWS: list[tuple[str, bytes, list[tuple[Any, bool]]]] = [
    ("overlong-line", LONG + OK, [(None, True), ("ok", False)]),
    ("overlong-last-line-without-newline", OK + LONG.rstrip(b"\n"), [("ok", False), (None, True)]),
    ("overlong-utf16-line", (LONG + OK).decode().encode("utf-16"), [(None, True), ("ok", False)]),
]


@pytest.mark.parametrize(("data", "answers"), [r[1:] for r in LONG_ROWS], ids=[r[0] for r in LONG_ROWS])
def test_an_overlong_line_is_answered_not_read(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                               nlp: object, data: bytes, answers: list[tuple[Any, bool]]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    small = Settings.from_env({"LOG_LEVEL": "WARNING", "MAX_ARTICLE_CHARS": "1000"})
    assert run_cli(small, ["extract", "--jsonl", str(path)]) == 0
    lines = [_strict(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert [(line["id"], "error" in line) for line in lines] == answers
    assert any("over" in line.get("error", "") for line in lines)
    items = list(input_items(path, 10_000))
    assert count_inputs(path, 10_000) == len(items) == len(answers)
    assert [item.error is not None for item in items] == [error for _, error in answers]
