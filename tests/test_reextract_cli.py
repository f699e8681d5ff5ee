"""The command line for kinds and re-extraction: ``extract --kind`` and ``python -m bot reextract``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import run_cli
from bot.extraction.model import EXTRACTOR_VERSION, Extraction, Statement, StatementKind
from bot.service import Actor, Service, ThreadExtractor
from bot.settings import Settings
from bot.storage import Storage

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "date 2021-08-20\n“We will leave on time,” said Pentagon spokesman John Kirby.\n"


def said(quote: str, kind: StatementKind, speaker: str = "John Kirby") -> Statement:
    return Statement(type="direct", quote=quote, start=0, end=len(quote), speaker=speaker,
                     speaker_mention=speaker, speaker_role=None, cue="said", kind=kind)


@pytest.fixture
def mixed_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the pipeline with one statement of each kind (and a second belief)."""

    def extract(text: str, **_kwargs: Any) -> Extraction:
        return Extraction(text=text, statements=(
            said("We will leave.", "speech"), said("It will work.", "thought"),
            said("Most support it.", "evidence", "A poll"), said("They want peace.", "thought")))

    monkeypatch.setattr("bot.extraction.pipeline.extract", extract)
    monkeypatch.setattr("bot.extraction.nlp.load_model", lambda _name: None)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run_cli(Settings.from_env({}), args)
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_shows_speech_by_default_and_says_what_was_left_out(
        tmp_path: Path, mixed_kinds: None, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["extract", str(article)], capsys)
    assert code == 0
    assert out.splitlines() == ["John Kirby: “We will leave.”"]
    assert "+ 3 beliefs and findings left out: --kind all" in err
    code, out, err = run(["extract", str(article), "--kind", "all"], capsys)
    assert out.splitlines() == ["John Kirby: “We will leave.”", "John Kirby: “It will work.” (belief)",
                                "A poll: “Most support it.” (finding)", "John Kirby: “They want peace.” (belief)"]
    assert "left out" not in err
    code, out, _ = run(["extract", str(article), "--kind", "thought"], capsys)
    assert out.splitlines() == ["John Kirby: “It will work.” (belief)", "John Kirby: “They want peace.” (belief)"]


def test_extract_json_follows_the_kind(tmp_path: Path, mixed_kinds: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(["extract", str(article), "--json"], capsys)
    doc = json.loads(out)
    assert code == 0 and [q["quote"] for q in doc["quotes"]] == ["We will leave."]
    assert doc["kind"] == "speech" and doc["left_out"] == {"thought": 2, "evidence": 1}
    code, out, _ = run(["extract", str(article), "--json", "--kind", "evidence"], capsys)
    doc = json.loads(out)
    assert [(q["quote"], q["kind"]) for q in doc["quotes"]] == [("Most support it.", "evidence")]
    with pytest.raises(SystemExit):
        run(["extract", str(article), "--kind", "opinion"], capsys)
    assert "invalid choice: 'opinion'" in capsys.readouterr().err


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["LOG_LEVEL"] = "WARNING"
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=240)


def test_extract_jsonl_emits_every_kind_with_its_kind(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    proc = cli("extract", "--jsonl", str(batch))
    assert proc.returncode == 0, proc.stderr
    (line,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert line["quotes"] and all(q["kind"] in ("speech", "thought", "evidence") for q in line["quotes"])


async def test_reextract_command_brings_old_articles_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    settings = Settings.from_env({})
    extractor = ThreadExtractor(settings)
    try:
        service = Service(await Storage.open(db), extractor, settings)
        first = await service.add_text(Actor(guild_id=1, user_id=1), ARTICLE)
        await service.add_text(Actor(guild_id=2, user_id=1), ARTICLE)
        async with service.storage.transaction():
            await service.storage.conn.execute("UPDATE articles SET extractor_version = '0-old'")
        await service.fix_speaker(Actor(guild_id=1, user_id=1), first.statements[0].number, "Admiral Kirby")
        await service.close()
    finally:
        extractor.close()

    proc = cli("reextract", "--db", str(db), "--guild", "2")
    assert proc.returncode == 0, proc.stderr
    assert "1/1 100%" in proc.stderr  # the progress bar
    assert "1 article(s) re-extracted." in proc.stdout and "0 added, 0 removed" in proc.stdout
    proc = cli("reextract", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "1 article(s) re-extracted." in proc.stdout  # guild 2 was done: only guild 1's article is left
    assert "Corrections kept: 1 fixed speaker(s)" in proc.stdout
    proc = cli("reextract", "--db", str(db))
    assert proc.returncode == 0 and "0 of 0 article(s)" in proc.stdout

    store = await Storage.open(db)
    try:
        assert await store.articles.stale(None, EXTRACTOR_VERSION) == []
        fixed = await store.statements.get(1, first.statements[0].number)
        assert fixed.speaker == "Admiral Kirby" and fixed.extractor_version == EXTRACTOR_VERSION
    finally:
        await store.close()


def test_reextract_refuses_a_missing_database(tmp_path: Path) -> None:
    proc = cli("reextract", "--db", str(tmp_path / "nope.db"))
    assert proc.returncode == 1 and "no database at" in proc.stderr and "Traceback" not in proc.stderr
