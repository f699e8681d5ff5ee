"""Induce reporting frames from PolNeAR train: P(attribution | cue lemma, content relation).

For every gold attribution, find its cue token and the head of its content span in the dependency parse, and
record the relation between them (a child label such as ``ccomp``/``dobj``/``xcomp``, or ``^label`` when the
content is the cue's head, as in "..., sources said" parsed with the cue as a parataxis). The same (lemma, relation)
pairs are counted over every token of the corpus; the ratio is the frame's precision. Frames with enough support
are written to bot/extraction/data/frames.json, which the extractor reads. Reproducible: same data, same model,
same output. Runs in a few minutes on CPU.

Usage: python scripts/train_frames.py [--train ../shared/eval/polnear/train.jsonl] [--min-count 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.extraction.nlp import load_model  # noqa: E402
from bot.extraction.quotes import quote_mask, quoted_regions  # noqa: E402

OUT = ROOT / "bot" / "extraction" / "data" / "frames.json"


def content_head(doc, start: int, end: int):  # type: ignore[no-untyped-def]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    toks = [t for t in span if not t.is_punct]
    if not toks:
        return None
    idx = {t.i for t in span}
    heads = [t for t in toks if t.head.i not in idx or t.head is t]
    return min(heads, key=lambda t: t.i) if heads else None


def find_cue(doc, text: str, cue: str, start: int, end: int):  # type: ignore[no-untyped-def]
    words = [w.lower() for w in re.findall(r"[\w’']+", cue)]
    if not words:
        return None
    best = None
    for tok in doc:
        if start <= tok.idx < end:
            continue
        if tok.lower_ in words or tok.lemma_.lower() in words:
            dist = min(abs(tok.idx - start), abs(tok.idx - end))
            if dist > 400:
                continue
            if tok.pos_ in {"ADP", "PART", "DET", "AUX"} and tok.lower_ != "according":
                dist += 1000  # "said of", "talking about": the cue is the verb, not its particle
            if best is None or dist < best[0]:
                best = (dist, tok)
    return best[1] if best else None


def relation(cue, head) -> str | None:  # type: ignore[no-untyped-def]
    if head.head.i == cue.i and head.i != cue.i:
        return head.dep_
    # "called for new tariffs", "questions about his health": the content hangs from a preposition of the cue.
    prep = head.head
    if head.dep_ in {"pobj", "pcomp"} and prep.dep_ == "prep" and prep.head.i == cue.i:
        return "prep:" + prep.lower_
    if cue.head.i == head.i and cue.i != head.i:
        return "^" + cue.dep_
    # "according" -> to -> pobj ; content is the head of "according"
    if cue.lower_ == "according" and cue.head.i == head.i:
        return "^prep"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"))
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    docs = [json.loads(line) for line in Path(args.train).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        docs = docs[: args.limit]
    nlp = load_model("en_core_web_sm")
    pos: Counter[tuple[str, str]] = Counter()
    tot: Counter[tuple[str, str]] = Counter()
    found = unfound = 0
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16), strict=True):
        positives: set[tuple[int, int, str]] = set()
        for q in d["quotes"]:
            if not q.get("cue") or q["cue"].strip() in {":", "―", "—"}:
                continue
            head = content_head(doc, q["start"], q["end"])
            cue = find_cue(doc, d["text"], q["cue"], q["start"], q["end"])
            if head is None or cue is None:
                unfound += 1
                continue
            rel = relation(cue, head)
            if rel is None:
                unfound += 1
                continue
            found += 1
            positives.add((cue.i, head.i, rel))
        mask = quote_mask(d["text"], quoted_regions(d["text"]))
        inside = {tok.i for tok in doc if tok.idx < len(mask) and mask[tok.idx]}
        positives = {p for p in positives if p[0] not in inside}
        for tok in doc:
            if tok.i in inside or tok.pos_ in {"ADP", "PUNCT", "DET", "CCONJ", "SCONJ", "PART", "NUM"}:
                continue
            lemma = tok.lemma_.lower()
            for child in tok.children:
                if child.dep_ in {"punct", "det", "aux", "auxpass", "neg", "cc", "case", "prt", "mark"}:
                    continue
                tot[(lemma, child.dep_)] += 1
                if child.dep_ == "prep" and any(g.dep_ in {"pobj", "pcomp"} for g in child.children):
                    tot[(lemma, "prep:" + child.lower_)] += 1
            if tok.head is not tok:
                tot[(lemma, "^" + tok.dep_)] += 1
        for cue_i, _head_i, rel in positives:
            pos[(doc[cue_i].lemma_.lower(), rel)] += 1
    frames = {}
    for key, n in pos.items():
        if n >= args.min_count and tot[key] > 0:
            frames[f"{key[0]}\t{key[1]}"] = [n, tot[key]]
    OUT.write_text(json.dumps({"_doc": "P(attribution | cue lemma, content relation) from PolNeAR train: "
                               "[positives, occurrences]. Made by scripts/train_frames.py.",
                               "frames": dict(sorted(frames.items()))}, indent=0, ensure_ascii=False) + "\n")
    print(f"gold attributions located: {found}, not located: {unfound}; frames kept: {len(frames)} -> {OUT}")
    top = sorted(frames.items(), key=lambda kv: -kv[1][0])[:40]
    for k, (n, t) in top:
        print(f"{k:30s} {n:5d}/{t:<6d} {n / t:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
