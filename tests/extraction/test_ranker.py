"""The learned candidate filter: arithmetic, thresholds and the shipped weights; the configuration that carries
them into the passes, and the warnings when an artefact is missing."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bot.extraction import lexicon
from bot.extraction.attribution import AttributionConfig, find_statements, propose
from bot.extraction.ranker import Ranker, bucket, load_ranker

if TYPE_CHECKING:
    from spacy.language import Language


def test_inactive_ranker_keeps_everything() -> None:
    assert Ranker().keeps(["anything"])


def test_probability_is_logistic_of_summed_weights() -> None:
    ranker = Ranker(weights={"a": 2.0, "b": -1.0}, bias=-1.0, threshold=0.5)
    assert ranker.probability(["a", "b"]) == pytest.approx(0.5)
    assert ranker.probability(["a"]) == pytest.approx(1 / (1 + 2.718281828459045 ** -1))
    assert ranker.keeps(["a"]) and not ranker.keeps(["b"])
    assert 0.0 < ranker.probability(["b"] * 1000) < 1e-100 or ranker.probability(["b"] * 1000) == 0.0


@pytest.mark.parametrize(("n", "expected"), [(0, "1"), (1, "1"), (3, "4"), (8, "12"), (61, "more")])
def test_bucket(n: int, expected: str) -> None:
    assert bucket(n) == expected


def test_shipped_weights_load_and_favour_speech() -> None:
    ranker = load_ranker()
    assert ranker.active
    assert ranker.generation_threshold is not None and 0 < ranker.generation_threshold < 0.5
    assert ranker.weights.get("lemma_rel=say|ccomp", 0.0) > ranker.weights.get("lemma_rel=see|dobj", 0.0)


def test_default_config_reads_the_shipped_thresholds_once() -> None:
    ranker = load_ranker()
    config = AttributionConfig.default()
    assert config is AttributionConfig.default()
    assert config.ranker == ranker
    assert config.generation_threshold == ranker.generation_threshold
    assert config.frame_min_precision > config.generation_threshold  # the filter judges what the lower bar lets in


def test_rules_only_config_switches_the_filter_off() -> None:
    config = AttributionConfig.default().rules_only(0.3)
    assert not config.ranker.active
    assert config.generation_threshold == config.frame_min_precision == 0.3
    assert AttributionConfig.default().ranker.active  # the shipped configuration is untouched


def test_missing_ranker_warns_and_keeps_everything(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.extraction.ranker"):
        ranker = load_ranker("no-such-ranker.json")
    assert not ranker.active and ranker.keeps(["anything"])
    assert "no-such-ranker.json is missing" in caplog.text


def test_missing_frames_warn(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def missing(name: str) -> dict[str, object]:
        raise FileNotFoundError(name)

    monkeypatch.setattr(lexicon, "_load", missing)
    with caplog.at_level(logging.WARNING, logger="bot.extraction.lexicon"):
        assert lexicon.frames.__wrapped__() == {}
    assert "frames.json is missing" in caplog.text


def test_config_reaches_the_passes(nlp: Language) -> None:
    text = "Kirby replied that the mission was over."
    doc = nlp(text)
    assert find_statements(doc, text)  # kept: a speech verb with a clausal complement bypasses the filter
    shipped = AttributionConfig.default()
    strict = replace(shipped, keep_speech_ccomp=False, ranker=replace(shipped.ranker, threshold=0.99))
    assert not find_statements(doc, text, strict)  # a strict filter alone rejects this one
    rules_only = AttributionConfig.default().rules_only(AttributionConfig.default().frame_min_precision)
    assert [s.quote for s in find_statements(doc, text, rules_only)] == ["the mission was over"]
    _ctx, cands = propose(doc, text, rules_only)
    assert [(c.origin, c.rel) for c in cands] == [("verb", "ccomp")]
