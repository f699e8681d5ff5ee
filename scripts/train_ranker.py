"""Train the learned candidate filter (bot/extraction/data/ranker.json) on PolNeAR train.

The rules propose candidates with a low frame threshold (--generation, default 0.2); each candidate is labelled 1
when it overlaps a gold attribution by at least half of the longer span (the acceptance scorer's partial match,
after its stripping), else 0; a logistic regression over the candidates' sparse features (cue lemma, relation, frame
precision bucket, tense, dependency, subject kind, length, quote type...) is fitted with AdaGrad and L2.
Deterministic: fixed order, no sampling. A few minutes on CPU (parsing dominates).

Usage: python scripts/train_ranker.py [--train PATH] [--generation 0.2] [--threshold 0.5] [--epochs 30]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from collections import defaultdict
from pathlib import Path

from training_common import DEFAULT_TRAIN, ROOT, SHARED, meta_block, read_docs, serving_parse, write_artefact

OUT = ROOT / "bot" / "extraction" / "data" / "ranker.json"


def load_scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("polnear_score", SHARED / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(DEFAULT_TRAIN))
    parser.add_argument("--generation", type=float, default=0.2)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()

    from bot.extraction.attribution import RANKED_ORIGINS, AttributionConfig, features, propose
    from bot.extraction.nlp import load_model

    # Propose with the rules alone (no learned filter), every frame threshold at --generation.
    config = AttributionConfig.default().rules_only(args.generation)
    scorer = load_scorer()
    docs = read_docs(Path(args.train), args.limit)
    nlp = load_model("en_core_web_sm")
    samples: list[tuple[list[str], int]] = []
    for d, (_parse_text, doc) in zip(docs, serving_parse(nlp, [d["text"] for d in docs]), strict=True):
        text = d["text"]
        gold = [scorer.strip_span(text, q["start"], q["end"], True) for q in d["quotes"]]
        ctx, cands = propose(doc, text, config)
        for c in cands:
            if c.origin not in RANKED_ORIGINS:
                continue
            s, e = scorer.strip_span(text, c.start, c.end, True)
            label = 0
            for gs, ge in gold:
                ov = min(e, ge) - max(s, gs)
                if ov > 0 and ov / max(e - s, ge - gs, 1) >= 0.5:
                    label = 1
                    break
            samples.append((features(ctx, c, config), label))
    pos = sum(y for _, y in samples)
    print(f"{len(docs)} documents, {len(samples)} candidates, {pos} match gold ({pos / max(1, len(samples)):.2f})")

    weights: dict[str, float] = defaultdict(float)
    grad_sq: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_sq, lr = 0.0, 1e-8, 0.5
    for epoch in range(args.epochs):
        loss = 0.0
        for feats, y in samples:
            z = bias + sum(weights[f] for f in feats)
            p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            loss -= math.log(p if y else 1 - p + 1e-12) if 0 < p < 1 else 0.0
            g = p - y
            for f in feats:
                gf = g + args.l2 * weights[f]
                grad_sq[f] += gf * gf
                weights[f] -= lr * gf / math.sqrt(grad_sq[f])
            bias_sq += g * g
            bias -= lr * g / math.sqrt(bias_sq)
        if epoch % 10 == 9 or epoch == args.epochs - 1:
            print(f"epoch {epoch + 1}: log loss {loss / len(samples):.4f}")
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3}
    meta = meta_block(nlp, Path(args.train), args.limit,
                      {k: getattr(args, k) for k in ("generation", "threshold", "epochs", "l2")})
    write_artefact(Path(args.out), {"_doc": "Logistic-regression weights of the candidate filter; made by "
                         "scripts/train_ranker.py on PolNeAR train.", "_meta": meta, "bias": round(bias, 4),
                         "threshold": args.threshold, "generation_threshold": args.generation, "weights": kept})
    print(f"{len(kept)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
