"""Hostile console and CLI input, one row each: bytes a terminal or a pipe may send, and what must come back.

The console reads bytes (a bad byte is one U+FFFD, never the end of the session), refuses a line over
MAX_UPLOAD_BYTES without reading it whole, saves exports under a name any file system takes, and stores
speaker names without bidi overrides or zero-width characters. ``extract -`` reads stdin like a file. A NUL
is refused on every input path.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import run_cli
from bot.commands import Commands
from bot.console import MAX_FILENAME_BYTES, console_loop, safe_filename
from bot.errors import NotText
from bot.extraction.textcheck import check_text
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage

sys.path.insert(0, str(Path(__file__).parent / "commands"))
from command_helpers import LineExtractor

CAP = 2_000
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff " * 8  # 296 characters
ARTICLE = "“We will leave on time,” said Pentagon spokesman John Kirby on Friday in Washington.\n"

# (row id, console input, text the output must hold, text the last reply must not hold)
CONSOLE_ROWS: list[tuple[str, bytes, list[str], list[str]]] = [
    ("invalid-utf8-line", b"!quotes \xff\xfe\x80\n!help\n", ["\ufffd", "- !extract"], []),
    ("invalid-utf8-in-a-paste", b"!extract Kirby|caf\xe9 \xff\n!quotes\n", ["Saved A1", "caf\ufffd"], []),
    ("line-over-the-cap", b"!extract " + b"x" * (CAP + 10) + b"\n!help\n",
     [f"over {CAP:,} bytes", "- !extract"], ["Saved"]),
    ("export-of-a-300-char-speaker", f"!extract {LONG_NAME}|a quote\n!export csv {LONG_NAME}\n".encode(),
     ["file: "], ["file not saved"]),
    ("bidi-override-in-a-speaker", "!extract Jo\u202ehn Kir\u2066by|hello\n!speakers\n".encode(),
     ["John Kirby"], ["\u202e", "\u2066"]),
    ("zero-width-in-a-fixed-name", "!extract Kirby|hello\n!fix S1 speaker Ma\u200bry\u200d Smith\ufeff\n"
     "!speakers\n".encode(), ["Mary Smith"], ["\u200b", "\u200d", "\ufeff"]),
]


async def _console(tmp_path: Path, data: bytes) -> str:
    storage = await Storage.open(tmp_path / "q.db")
    try:
        commands = Commands(Service(storage, LineExtractor(), Settings.from_env({})))
        out = io.StringIO()
        await console_loop(commands, io.BytesIO(data), out, tmp_path / "exports", max_bytes=CAP)
    finally:
        await storage.close()
    return out.getvalue()


@pytest.mark.parametrize(("data", "present", "absent"), [r[1:] for r in CONSOLE_ROWS],
                         ids=[r[0] for r in CONSOLE_ROWS])
async def test_hostile_console_input(tmp_path: Path, data: bytes, present: list[str], absent: list[str]) -> None:
    out = await _console(tmp_path, data)
    for text in present:
        assert text in out
    last = out.strip().split("\n\n")[-1]
    for text in absent:
        assert text not in last


async def test_the_long_export_is_saved_under_a_short_name(tmp_path: Path) -> None:
    await _console(tmp_path, f"!extract {LONG_NAME}|a quote\n!export csv {LONG_NAME}\n".encode())
    [saved] = (tmp_path / "exports").iterdir()
    assert saved.suffix == ".csv" and len(saved.name.encode()) <= MAX_FILENAME_BYTES
    assert "a quote" in saved.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "expected"), [
    ("quotes.csv", "quotes.csv"),
    ("../../etc/passwd", "passwd"),
    ("a" * 300 + ".csv", "a" * (MAX_FILENAME_BYTES - 4) + ".csv"),
    ("é" * 300 + ".json", "é" * ((MAX_FILENAME_BYTES - 5) // 2) + ".json"),
    ("..", "export"),
    ("con\x00trol\n.csv", "control.csv"),
])
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


# (row id, stdin bytes, exit code, text stdout or stderr must hold)
STDIN_ROWS: list[tuple[str, bytes, int, str]] = [
    ("invalid-utf8", ARTICLE.encode() + b"caf\xe9 \xff\n", 0, "John Kirby: “We will leave on time"),
    ("utf16-with-bom", ARTICLE.encode("utf-16"), 0, "John Kirby: “We will leave on time"),
    ("nul", ARTICLE.encode() + b"\x00\n", 1, "NUL"),
    ("over-the-cap", ARTICLE.encode() * 100, 1, f"over {CAP:,} bytes"),
]


@pytest.mark.parametrize(("data", "code", "expected"), [r[1:] for r in STDIN_ROWS], ids=[r[0] for r in STDIN_ROWS])
def test_hostile_stdin_for_extract(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                   nlp: object, data: bytes, code: int, expected: str) -> None:
    # A strict UTF-8 locale: reading stdin as text would raise on the first bad byte.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict"))
    settings = Settings.from_env({"MAX_UPLOAD_BYTES": str(CAP), "LOG_LEVEL": "WARNING"})
    assert run_cli(settings, ["extract", "-"]) == code
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err
    assert "Traceback" not in captured.err


def test_stdin_is_read_up_to_the_cap_and_no_further(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            size = len(buffer)
            buffer[:size] = b"x" * size
            Endless.served += size
            return size

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless(), buffer_size=1024)))
    settings = Settings.from_env({"MAX_UPLOAD_BYTES": str(CAP), "LOG_LEVEL": "WARNING"})
    assert run_cli(settings, ["extract", "-"]) == 1
    assert Endless.served <= CAP + 2048


# A NUL anywhere in a text, from any input path, is refused by the one check every path goes through.
@pytest.mark.parametrize("text", ["He said\x00 hello to everyone in the room.", "\x00" + ARTICLE, ARTICLE + "\x00"])
def test_a_nul_is_refused_wherever_it_is(text: str) -> None:
    with pytest.raises(NotText, match="NUL"):
        check_text(text, max_chars=100_000)


# (row id, PYTHONIOENCODING of the terminal, console input, how many help replies must come back)
TERMINAL_ROWS: list[tuple[str, str, bytes]] = [
    ("strict-utf8-locale-invalid-byte", "utf-8:strict", b"!help\n!quotes caf\xe9 \xff\n!help\n"),
    ("strict-ascii-terminal", "ascii:strict", "!help\n!quotes José\n!help\n".encode()),
]


@pytest.mark.parametrize(("encoding", "data"), [r[1:] for r in TERMINAL_ROWS], ids=[r[0] for r in TERMINAL_ROWS])
def test_the_console_survives_a_strict_terminal(tmp_path: Path, encoding: str, data: bytes) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(LOG_LEVEL="WARNING", PYTHONIOENCODING=encoding)
    proc = subprocess.run([sys.executable, "-m", "bot", "console", "--db", str(tmp_path / "q.db")], input=data,
                          capture_output=True, cwd=Path(__file__).resolve().parents[1], env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert proc.stdout.count(b"- !extract") == 2
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("output", ["lines", "json"])
def test_extract_survives_an_ascii_terminal(tmp_path: Path, output: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(LOG_LEVEL="WARNING", PYTHONIOENCODING="ascii:strict")
    extra = ["--json"] if output == "json" else []
    proc = subprocess.run([sys.executable, "-m", "bot", "extract", str(article), *extra], capture_output=True,
                          cwd=Path(__file__).resolve().parents[1], env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    if output == "json":
        assert json.loads(proc.stdout)["quotes"][0]["quote"].startswith("We will leave on time")
    else:
        assert proc.stdout.startswith(b"John Kirby: ?We will leave on time")
