"""A learned filter over candidate attributions: logistic regression on sparse string features.

The rules propose candidates generously (every cue frame seen at least ``generation_threshold`` of the time in
PolNeAR train); the filter keeps those whose probability of being a real attribution reaches ``threshold``.
Weights are trained by ``scripts/train_ranker.py`` on PolNeAR train and shipped in ``data/ranker.json``; without
that file the filter keeps everything (with a warning) and the rules' own frame threshold applies.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)
RANKER_FILE = "ranker.json"

@dataclass(frozen=True, slots=True)
class Ranker:
    """Logistic-regression weights with the thresholds they were trained for."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    generation_threshold: float | None = None

    @property
    def active(self) -> bool:
        """Tell whether weights are loaded."""
        return bool(self.weights)

    def probability(self, features: Iterable[str]) -> float:
        """Return P(real attribution) for a candidate's features."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def keeps(self, features: Iterable[str]) -> bool:
        """Tell whether a candidate passes the filter."""
        return not self.active or self.probability(features) >= self.threshold


@lru_cache(maxsize=2)
def load_ranker(name: str = RANKER_FILE) -> Ranker:
    """Return the ranker shipped in ``data/<name>`` (an inactive one, with a warning, when it is missing)."""
    try:
        raw = resources.files("bot.extraction").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError:
        log.warning("%s is missing: the learned candidate filter is off", name)
        return Ranker()
    data = json.loads(raw)
    return Ranker(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                  threshold=float(data["threshold"]), generation_threshold=data.get("generation_threshold"))


def bucket(n: int) -> str:
    """Return a coarse length bucket for a word count."""
    for limit in (1, 2, 4, 7, 12, 20, 35, 60):
        if n <= limit:
            return str(limit)
    return "more"
