"""Batch throughput: ``python -m bot extract --jsonl`` beside a bare spaCy parse of the same texts, same run.

Each side runs as its own process, timed from start to exit, model load included:

* bare: ``spacy.load("en_core_web_sm")`` (all default components) and ``for doc in nlp.pipe(texts)`` in
  one process;
* bot: ``python -m bot extract --jsonl IN.jsonl > /dev/null`` (every core, all extraction, resolution and
  dating, JSON output).

A third, in-process measurement splits the bot's CPU time on a sample into parsing and the rules
(``extract_from_doc``): the rules' share should stay under 12% of parsing (issue 12).

    .venv/bin/python scripts/bench_throughput.py [--n 300] [--repeat 1] [--share-sample 100]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "train.jsonl"
ROOT = Path(__file__).resolve().parents[1]


def texts(path: Path, n: int) -> list[dict[str, object]]:
    """Return the first ``n`` documents of a PolNeAR JSONL file as {"id", "text", "date"}."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append({"id": d["id"], "text": d["text"], "date": d.get("date")})
            if len(docs) >= n:
                break
    return docs


def run_timed(cmd: list[str], stdout: int | None = subprocess.DEVNULL) -> tuple[float, float, float]:
    """Run ``cmd``; return (wall seconds, CPU seconds of it and its children, peak RSS MB of any of them)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bare_parse(path: str) -> None:
    """The baseline: load the full small model and parse every text with nlp.pipe in this process."""
    import spacy

    from bot.extraction.nlp import candidate_models

    nlp = None
    for name in candidate_models("en_core_web_sm"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    assert nlp is not None, "no small English model installed"
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line)["text"] for line in fh]
    for _doc in nlp.pipe(docs):
        pass


def rules_share(docs: list[dict[str, object]]) -> tuple[float, float]:
    """Return (parse CPU seconds, rules CPU seconds) of the bot's pipeline over ``docs`` in this process."""
    from bot.extraction.nlp import load_model
    from bot.extraction.pipeline import extract_from_doc, prepare

    nlp = load_model("en_core_web_sm")
    parse = rules = 0.0
    for d in docs:
        prep = prepare(str(d["text"]), article_date=d["date"] if isinstance(d["date"], str) else None)
        with nlp.memory_zone():
            t0 = time.process_time()
            doc = nlp(prep.parse_text)
            t1 = time.process_time()
            extract_from_doc(prep, doc)
            t2 = time.process_time()
        parse += t1 - t0
        rules += t2 - t1
    return parse, rules


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side; medians are reported")
    parser.add_argument("--share-sample", type=int, default=100, help="articles for the CPU split (0: skip)")
    parser.add_argument("--source", type=Path, default=TRAIN, help="PolNeAR train.jsonl")
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_parse(args.bare)
        return 0

    docs = texts(args.source, args.n)
    chars = sum(len(str(d["text"])) for d in docs)
    print(f"{len(docs)} articles, {chars:,} characters from {args.source}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "in.jsonl"
        jsonl.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        bare_runs, bot_runs = [], []
        for i in range(args.repeat):
            bare_runs.append(run_timed([sys.executable, __file__, "--bare", str(jsonl)]))
            bot_runs.append(run_timed([sys.executable, "-m", "bot", "extract", "--jsonl", str(jsonl)]))
            print(f"run {i + 1}: bare {bare_runs[-1][0]:.1f} s, bot {bot_runs[-1][0]:.1f} s", flush=True)
    for label, runs in (("bare spaCy nlp.pipe (1 process)", bare_runs),
                        ("python -m bot extract --jsonl", bot_runs)):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        print(f"{label:34s} wall {wall:7.1f} s  cpu {cpu:7.1f} s  {len(docs) / wall:6.2f} docs/s  "
              f"{chars / wall:9,.0f} chars/s  peak RSS of one process {rss:,.0f} MB")
    speedup = statistics.median(r[0] for r in bare_runs) / statistics.median(r[0] for r in bot_runs)
    print(f"speed-up (bare wall / bot wall): {speedup:.2f}x  (target >= 1.5x)")
    if args.share_sample:
        parse, rules = rules_share(docs[: args.share_sample])
        print(f"CPU split on {min(args.share_sample, len(docs))} articles: parse {parse:.1f} s, rules "
              f"{rules:.2f} s = {100 * rules / parse:.1f}% of parsing (target < 12%)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
