"""The learned candidate filter: arithmetic, thresholds and the shipped weights."""

from __future__ import annotations

import pytest

from bot.extraction.ranker import Ranker, bucket, load_ranker


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
