"""``python -m bot timeline --kind``: the timeline shows one kind of statement (speech by default) or all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from bot.cli import run_cli
from bot.settings import Settings

TEXT = ("date 2021-09-02\n\nJohn Kirby said on Tuesday that the mission was over. "
        "Kirby believes the plan will work.\n")


@pytest.mark.parametrize(("kind", "quotes"), [
    (None, ["the mission was over"]),
    ("thought", ["the plan will work"]),
    ("all", ["the mission was over", "the plan will work"]),
])
def test_timeline_takes_a_kind(nlp: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               kind: str | None, quotes: list[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    argv = ["timeline", str(source), "--json"] + ([] if kind is None else ["--kind", kind])
    assert run_cli(Settings.from_env({}), argv) == 0
    assert [e["quote"] for e in json.loads(capsys.readouterr().out)] == quotes
