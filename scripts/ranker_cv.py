"""Cross-validation over PolNeAR train articles for the candidate filter's threshold (used by train_ranker.py).

Each fold's filter is fitted on the other folds' candidates; the whole extractor then runs on the fold's held-out
articles with that filter at every threshold tried, and the held-out predictions of all folds are scored together
against the gold (the acceptance scorer, literal-mention speakers, every attribution kind). Dev is never read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

Sample = tuple[list[str], int]
Fit = Callable[[list[Sample]], tuple[dict[str, float], float]]
# Articles go to fold ``index % folds``: deterministic, and the corpus order mixes publishers.


def _predictions(docs: Sequence[dict[str, Any]], parsed: Sequence[Doc], ranker: Any, generation: float,
                 indices: Sequence[int]) -> dict[str, dict[str, Any]]:
    """Run the extractor with ``ranker`` on some articles and return their predictions in the scorer's format."""
    from bot.extraction.attribution import AttributionConfig
    from bot.extraction.config import ExtractionConfig
    from bot.extraction.pipeline import extract_from_doc, prepare

    base = ExtractionConfig.default()
    attribution = dataclasses.replace(AttributionConfig.default(), ranker=ranker, generation_threshold=generation)
    cfg = dataclasses.replace(base, attribution=attribution)
    out: dict[str, dict[str, Any]] = {}
    for i in indices:
        d = docs[i]
        ext = extract_from_doc(prepare(d["text"], max_chars=10**8), parsed[i], cfg)
        quotes = [{"type": s.type, "quote": s.quote, "start": s.start, "end": s.end, "speaker": s.speaker,
                   "speaker_mention": s.speaker_mention, "cue": s.cue} for s in ext.statements]
        out[d["id"]] = {"id": d["id"], "text": d["text"], "quotes": quotes}
    return out


def cross_validate(docs: Sequence[dict[str, Any]], parsed: Sequence[Doc], samples: Sequence[list[Sample]],
                   fit: Fit, scorer: Any, generation: float, folds: int,
                   thresholds: Sequence[float]) -> dict[float, dict[str, float]]:
    """Return, per threshold, the held-out partial P/R/F1 and end-to-end F1 over all folds."""
    from bot.extraction.ranker import Ranker

    preds: dict[float, dict[str, dict[str, Any]]] = {t: {} for t in thresholds}
    for k in range(folds):
        weights, bias = fit([s for i, doc in enumerate(samples) if i % folds != k for s in doc])
        held = [i for i in range(len(docs)) if i % folds == k]
        for t in thresholds:
            ranker = Ranker(weights=weights, bias=bias, threshold=t, generation_threshold=generation)
            preds[t].update(_predictions(docs, parsed, ranker, generation, held))
    gold = {d["id"]: d for d in docs}
    table: dict[float, dict[str, float]] = {}
    for t in thresholds:
        res = scorer.score(gold, preds[t], strip_complementizer=True, lenient_pronouns=True, mention_speakers=True)
        a = res["all"]
        table[t] = {"precision": a["partial"]["precision"], "recall": a["partial"]["recall"],
                    "f1": a["partial"]["f1"], "e2e": a["end_to_end"]["f1"]}
    return table


def choose_threshold(table: dict[float, dict[str, float]], tolerance: float) -> float:
    """Return the highest threshold whose held-out partial F1 is within ``tolerance`` of the best.

    The curve is flat near its optimum, and the most precise point of that plateau is chosen: the scores count
    every attribution kind, while what users read first is speech, to which the doubtful candidates a lower
    threshold admits (beliefs, findings, narration) add least.
    """
    best = max(row["f1"] for row in table.values())
    return max(t for t, row in table.items() if row["f1"] >= best - tolerance)
