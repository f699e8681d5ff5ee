"""Pictures in the console: ``!timeline … chart`` and ``!speaker`` save a PNG under the exports folder and print
its path; ``python -m bot timeline FILE --chart OUT.png`` draws one article."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from spacy.language import Language

from bot.cli import run_cli
from bot.commands import Commands
from bot.console import console_loop
from bot.extraction.model import EXTRACTOR_VERSION, Extraction, Statement
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_92e1eb94dd366c5a.txt"


class TwoQuotes:
    """Extractor double: every article says the same two dated things."""

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        statements = tuple(
            Statement(type="direct", quote=q, start=0, end=len(q), speaker=who, speaker_mention=who,
                      speaker_role="Pentagon spokesman" if who == "John Kirby" else None, cue="said",
                      date=day, date_basis="explicit", date_precision="day", kind="speech")
            for who, q, day in (("John Kirby", "The mission is over", "2021-09-02"),
                                ("Taliban", "The war is over", "2021-08-15")))
        return Extraction(text=text, statements=statements, article_date="2021-09-02", date_source="request",
                          extractor_version=EXTRACTOR_VERSION)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def run_lines(tmp_path: Path, lines: list[str]) -> str:
    storage = await Storage.open(tmp_path / "q.db")
    out = io.StringIO()
    try:
        commands = Commands(Service(storage, TwoQuotes(), Settings.from_env({})))
        stdin = io.BytesIO("\n".join(lines).encode() + b"\n")
        await console_loop(commands, stdin, out, tmp_path / "exports", max_bytes=100_000)
    finally:
        await storage.close()
    return out.getvalue()


async def test_console_saves_the_chart_and_the_profile_picture_under_exports(tmp_path: Path) -> None:
    out = await run_lines(tmp_path, ["!timeline chart", "!extract some article text", "!timeline chart",
                                     "!speaker Kirby"])
    assert "Nothing to draw" in out and "No quotes saved yet" in out
    chart = tmp_path / "exports" / "timeline.png"
    profile = tmp_path / "exports" / "speaker-john-kirby.png"
    assert f"file: {chart} (" in out and f"file: {profile} (" in out
    assert png_size(chart.read_bytes())[0] == 1000
    assert "Roles: Pentagon spokesman" in out
    assert out.count("file: ") == 2  # the empty server got words, no file


def test_cli_timeline_draws_one_article(nlp: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.png"
    assert run_cli(Settings.from_env({}), ["timeline", str(SEED), "--chart", str(out), "--kind", "all"]) == 0
    captured = capsys.readouterr()
    assert "2021-09-02  John Kirby:" in captured.out  # the text timeline is still printed
    assert f"chart: {out} (16 statements · 7 speakers)" in captured.err
    width, height = png_size(out.read_bytes())
    assert width == 1000 and height > 300


def test_cli_timeline_chart_of_nothing_is_an_error(nlp: Language, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text("date 2021-09-02\n\nKirby believes the plan will work.\n", encoding="utf-8")
    out = tmp_path / "a.png"
    assert run_cli(Settings.from_env({}), ["timeline", str(source), "--chart", str(out)]) == 1
    assert "nothing to draw: no statements of kind speech" in capsys.readouterr().err
    assert not out.exists()


def test_cli_timeline_chart_into_a_folder_that_does_not_exist(nlp: Language, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "a.png"
    assert run_cli(Settings.from_env({}), ["timeline", str(SEED), "--chart", str(out)]) == 1
    assert f"cannot write the chart to {out}" in capsys.readouterr().err
