"""Train the learned candidate filter (bot/extraction/data/ranker.json) on PolNeAR train.

The rules propose candidates with a low frame threshold (--generation, default 0.2); each candidate is labelled 1
when it overlaps a gold attribution by at least half of the longer span (the acceptance scorer's partial match,
after its stripping), else 0; a logistic regression over the candidates' sparse features (cue lemma, relation, frame
precision bucket, tense, dependency, the source's and the content's head and coarse entity class, length, quote
type...) is fitted with AdaGrad and L2. The probability threshold is chosen by cross-validation over train articles
(:mod:`ranker_cv`) unless --threshold is given; the folds and their scores go into ``_meta``. Deterministic: fixed
order, no sampling. About ten minutes on CPU (parsing and the cross-validation's extraction runs dominate).

Usage: python scripts/train_ranker.py [--train PATH] [--generation 0.2] [--threshold T] [--cv-folds 5] [--epochs 30]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from collections import defaultdict
from pathlib import Path

from ranker_cv import choose_threshold, cross_validate
from training_common import DEFAULT_TRAIN, ROOT, SHARED, meta_block, read_docs, serving_parse, write_artefact

OUT = ROOT / "bot" / "extraction" / "data" / "ranker.json"


def load_scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("polnear_score", SHARED / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label(scorer, text: str, gold: list[tuple[int, int]], start: int, end: int) -> int:  # type: ignore[no-untyped-def]
    """Return 1 when a candidate span overlaps a gold span by at least half of the longer one, else 0."""
    s, e = scorer.strip_span(text, start, end, True)
    for gs, ge in gold:
        ov = min(e, ge) - max(s, gs)
        if ov > 0 and ov / max(e - s, ge - gs, 1) >= 0.5:
            return 1
    return 0


def fit(samples: list[tuple[list[str], int]], epochs: int, l2: float,
        verbose: bool = False) -> tuple[dict[str, float], float]:
    """Fit the logistic regression with AdaGrad and L2 (fixed order, no sampling) and return weights and bias."""
    weights: dict[str, float] = defaultdict(float)
    grad_sq: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_sq, lr = 0.0, 1e-8, 0.5
    for epoch in range(epochs):
        loss = 0.0
        for feats, y in samples:
            z = bias + sum(weights[f] for f in feats)
            p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            loss -= math.log(p if y else 1 - p + 1e-12) if 0 < p < 1 else 0.0
            g = p - y
            for f in feats:
                gf = g + l2 * weights[f]
                grad_sq[f] += gf * gf
                weights[f] -= lr * gf / math.sqrt(grad_sq[f])
            bias_sq += g * g
            bias -= lr * g / math.sqrt(bias_sq)
        if verbose and (epoch % 10 == 9 or epoch == epochs - 1):
            print(f"epoch {epoch + 1}: log loss {loss / len(samples):.4f}")
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3}, round(bias, 4)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(DEFAULT_TRAIN))
    parser.add_argument("--generation", type=float, default=0.2)
    parser.add_argument("--threshold", type=float, default=None,
                        help="the filter's probability threshold (default: chosen by --cv-folds cross-validation)")
    parser.add_argument("--cv-folds", type=int, default=5)
    parser.add_argument("--cv-thresholds", default="0.2,0.25,0.3,0.35,0.4,0.45,0.5")
    parser.add_argument("--cv-tolerance", type=float, default=0.005)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", default=str(OUT))
    return parser.parse_args()


def candidates(nlp, docs: list[dict], generation: float, scorer):  # type: ignore[no-untyped-def]
    """Parse the articles as serving does and return their Docs and, per article, its labelled candidates
    (proposed by the rules alone, every frame threshold at ``generation``)."""
    from bot.extraction.attribution import RANKED_ORIGINS, AttributionConfig, features, propose

    config = AttributionConfig.default().rules_only(generation)
    parsed, per_doc = [], []
    for d, (_parse_text, doc) in zip(docs, serving_parse(nlp, [d["text"] for d in docs]), strict=True):
        text = d["text"]
        gold = [scorer.strip_span(text, q["start"], q["end"], True) for q in d["quotes"]]
        ctx, cands = propose(doc, text, config)
        per_doc.append([(features(ctx, c, config), label(scorer, text, gold, c.start, c.end))
                        for c in cands if c.origin in RANKED_ORIGINS])
        parsed.append(doc)
    return parsed, per_doc


def cross_validated_threshold(args: argparse.Namespace, docs: list[dict], parsed, per_doc,  # type: ignore[no-untyped-def]
                              scorer) -> tuple[float, dict[str, dict[str, float]]]:
    """Return the threshold chosen by cross-validation over the articles, and the held-out scores by threshold."""
    thresholds = [float(t) for t in args.cv_thresholds.split(",")]
    table = cross_validate(docs, parsed, per_doc, lambda s: fit(s, args.epochs, args.l2), scorer,
                           args.generation, args.cv_folds, thresholds)
    for t, row in table.items():
        print(f"cv threshold {t:.2f}: partial P {row['precision']:.3f} R {row['recall']:.3f} "
              f"F1 {row['f1']:.4f}, end-to-end F1 {row['e2e']:.4f}")
    threshold = choose_threshold(table, args.cv_tolerance)
    print(f"threshold {threshold} (the highest within {args.cv_tolerance} of the best held-out F1)")
    return threshold, {f"{t:.2f}": {k: round(v, 4) for k, v in row.items()} for t, row in table.items()}


def main() -> int:
    args = _arguments()
    from bot.extraction.nlp import load_model

    scorer = load_scorer()
    docs = read_docs(Path(args.train), args.limit)
    nlp = load_model("en_core_web_sm")
    parsed, per_doc = candidates(nlp, docs, args.generation, scorer)
    samples = [s for doc_samples in per_doc for s in doc_samples]
    pos = sum(y for _, y in samples)
    print(f"{len(docs)} documents, {len(samples)} candidates, {pos} match gold ({pos / max(1, len(samples)):.2f})")
    threshold, cv = args.threshold, None
    if threshold is None:
        threshold, cv = cross_validated_threshold(args, docs, parsed, per_doc, scorer)
    weights, bias = fit(samples, args.epochs, args.l2, verbose=True)
    arguments = {k: getattr(args, k) for k in ("generation", "threshold", "epochs", "l2", "cv_folds",
                                                "cv_thresholds", "cv_tolerance")}
    meta = meta_block(nlp, Path(args.train), args.limit, arguments)
    if cv is not None:
        meta["cross_validation"] = cv
    write_artefact(Path(args.out), {"_doc": "Logistic-regression weights of the candidate filter; made by "
                         "scripts/train_ranker.py on PolNeAR train.", "_meta": meta, "bias": bias,
                         "threshold": threshold, "generation_threshold": args.generation, "weights": weights})
    print(f"{len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
