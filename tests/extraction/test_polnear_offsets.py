"""Offsets are exact on every PolNeAR dev document (skipped when ../shared is not beside the repo)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.settings import Settings
from bot.workers.batch import BatchItem, extract_batch

if TYPE_CHECKING:
    pass

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "polnear" / "dev.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="PolNeAR dev set not found at ../shared/eval (it is not committed)")
def test_offsets_exact_on_every_dev_document() -> None:
    docs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [BatchItem(id=d["id"], text=d["text"], date=d.get("date")) for d in docs]
    n_statements = 0
    for item, result in extract_batch(items, Settings.from_env({})):
        assert not isinstance(result, (str, Exception)), (item.id, result)
        for st in result.statements:
            assert 0 <= st.start < st.end <= len(item.text)
            assert item.text[st.start:st.end] == st.quote, (item.id, st)
            if st.speaker_start is not None and st.speaker_end is not None:
                assert item.text[st.speaker_start:st.speaker_end] == st.speaker_mention
            if st.cue_start is not None and st.cue_end is not None:
                assert item.text[st.cue_start:st.cue_end] == st.cue
            n_statements += 1
    assert n_statements > 1000
