"""Score the extractor on PolNeAR (dev by default) with the acceptance scorer and flags; print its table.

Usage: python scripts/eval_polnear.py [--split dev|train] [--limit N] [--out PRED.jsonl]
Reads ../shared/eval at run time (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FLAGS = ["--strip-complementizer", "--lenient-pronoun-speakers", "--mention-speakers"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", help="keep the predictions here")
    parser.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = parser.parse_args()
    gold = EVAL / "polnear" / f"{args.split}.jsonl"
    if not gold.exists():
        print(f"no gold file at {gold} (../shared/eval must sit beside the repo)", file=sys.stderr)
        return 2
    lines = gold.read_text(encoding="utf-8").splitlines()
    if args.limit:
        lines = lines[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.jsonl"
        gold_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        inp = Path(tmp) / "in.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for line in lines:
                d = json.loads(line)
                f.write(json.dumps({"id": d["id"], "text": d["text"], "date": d.get("date")}) + "\n")
        pred = Path(args.out) if args.out else Path(tmp) / "pred.jsonl"
        t0 = time.perf_counter()
        with pred.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "bot", "extract", "--jsonl", str(inp)], stdout=out, check=True,
                           cwd=ROOT)
        took = time.perf_counter() - t0
        cmd = [sys.executable, str(EVAL / "score.py"), *FLAGS, str(gold_path), str(pred)]
        if args.json:
            cmd.append("--json")
        print(f"# {len(lines)} {args.split} documents extracted in {took:.1f} s; scorer flags: {' '.join(FLAGS)}")
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
