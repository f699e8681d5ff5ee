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
import re
import sys
from collections import Counter
from pathlib import Path

from training_common import DEFAULT_TRAIN, ROOT, meta_block, read_docs, serving_parse, write_artefact

from bot.extraction.nlp import load_model
from bot.extraction.quotes import quote_mask, quoted_regions

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


SKIPPED_POS = frozenset({"ADP", "PUNCT", "DET", "CCONJ", "SCONJ", "PART", "NUM"})
SKIPPED_DEPS = frozenset({"punct", "det", "aux", "auxpass", "neg", "cc", "case", "prt", "mark"})


def occurrences(tok) -> Counter[str]:  # type: ignore[no-untyped-def]
    """Count the (relation) frames a token occurs in: its children's labels, ``prep:<word>``, ``^<own label>``."""
    out: Counter[str] = Counter()
    if tok.pos_ in SKIPPED_POS:
        return out
    for child in tok.children:
        if child.dep_ in SKIPPED_DEPS:
            continue
        out[child.dep_] += 1
        if child.dep_ == "prep" and any(g.dep_ in {"pobj", "pcomp"} for g in child.children):
            out["prep:" + child.lower_] += 1
    if tok.head is not tok:
        out["^" + tok.dep_] += 1
    return out


def gold_frames(doc, d: dict) -> tuple[set[tuple[int, int, str]], int]:  # type: ignore[no-untyped-def]
    """Return the (cue token, content head, relation) triples of a document's gold attributions, and the misses."""
    positives: set[tuple[int, int, str]] = set()
    unfound = 0
    for q in d["quotes"]:
        if not q.get("cue") or q["cue"].strip() in {":", "―", "—"}:
            continue
        head = content_head(doc, q["start"], q["end"])
        cue = find_cue(doc, d["text"], q["cue"], q["start"], q["end"])
        rel = relation(cue, head) if head is not None and cue is not None else None
        if rel is None:
            unfound += 1
            continue
        positives.add((cue.i, head.i, rel))
    return positives, unfound


def count(nlp, docs: list[dict]) -> tuple[Counter, Counter, int, int]:  # type: ignore[no-untyped-def]
    """Count frame positives and occurrences over ``docs``, parsed as the extractor parses when it serves.

    Both counts come from the same tokens and the same relation inventory (:func:`occurrences`), so a frame's
    positives never exceed its occurrences.
    """
    pos: Counter[tuple[str, str]] = Counter()
    tot: Counter[tuple[str, str]] = Counter()
    found = unfound = 0
    for d, (parse_text, doc) in zip(docs, serving_parse(nlp, [d["text"] for d in docs]), strict=True):
        positives, missed = gold_frames(doc, d)
        unfound += missed
        mask = quote_mask(parse_text, quoted_regions(parse_text))
        inside = {tok.i for tok in doc if tok.idx < len(mask) and mask[tok.idx]}
        per_token: dict[int, Counter[str]] = {}
        for tok in doc:
            if tok.i in inside:
                continue
            per_token[tok.i] = occurrences(tok)
            for rel, n in per_token[tok.i].items():
                tot[(tok.lemma_.lower(), rel)] += n
        heads: Counter[tuple[int, str]] = Counter((cue_i, rel) for cue_i, _h, rel in positives)
        for (cue_i, rel), n in heads.items():
            seen = per_token.get(cue_i, Counter())[rel]
            if seen == 0:
                unfound += n
                continue
            found += min(n, seen)
            unfound += n - min(n, seen)
            pos[(doc[cue_i].lemma_.lower(), rel)] += min(n, seen)
    return pos, tot, found, unfound


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", default=str(DEFAULT_TRAIN))
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    train = Path(args.train)
    docs = read_docs(train, args.limit)
    nlp = load_model("en_core_web_sm")
    pos, tot, found, unfound = count(nlp, docs)
    frames = {f"{lemma}\t{rel}": [n, tot[(lemma, rel)]] for (lemma, rel), n in pos.items()
              if n >= args.min_count and tot[(lemma, rel)] > 0}
    meta = meta_block(nlp, train, args.limit, {"min_count": args.min_count})
    write_artefact(Path(args.out), {
        "_doc": "P(attribution | cue lemma, content relation) from PolNeAR train: [positives, occurrences]. "
                "Made by scripts/train_frames.py.",
        "_meta": meta, "frames": dict(sorted(frames.items()))})
    print(f"gold attributions located: {found}, not located: {unfound}; frames kept: {len(frames)} -> {args.out}")
    top = sorted(frames.items(), key=lambda kv: -kv[1][0])[:40]
    for k, (n, t) in top:
        print(f"{k:30s} {n:5d}/{t:<6d} {n / t:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
