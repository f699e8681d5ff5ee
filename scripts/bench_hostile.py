"""Time the extraction of the issue-14 hostile pastes in this process: ``python scripts/bench_hostile.py [--no-cap]``.

``--no-cap`` turns off :func:`bot.extraction.runs.cap_runs` to measure the behaviour before it existed.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ARTICLE = (
    "WASHINGTON (AP) - The Pentagon said on Tuesday that the evacuation would continue.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters.\n'
)


def hostile_mix(chars: int, seed: int = 14) -> str:
    """A run of prefix and suffix characters without a space (the tests' ``hostile_mix``)."""
    rng = random.Random(seed)
    return "".join(rng.choice("\"'([{*$#\u2026\u201c\u2018)]}") for _ in range(chars))


def main() -> None:
    """Extract each hostile paste once and print its time and the process's peak memory."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-cap", action="store_true")
    parser.add_argument("--only", choices=["quotes", "mix"])
    args = parser.parse_args()
    import bot.extraction.pipeline as pipeline
    from bot.extraction.nlp import load_model

    if args.no_cap:
        pipeline.cap_runs = lambda text: text  # type: ignore[assignment]
    nlp = load_model("en_core_web_sm")
    pastes = {"quotes": '"' * 20_000, "mix": hostile_mix(100_000)}
    for name, run in pastes.items():
        if args.only and name != args.only:
            continue
        started = time.perf_counter()
        result = pipeline.extract(ARTICLE + "\n" + run + "\n", nlp=nlp, max_chars=200_000)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name}: {len(run):,} chars, {time.perf_counter() - started:.1f} s, "
              f"{len(result.statements)} statement(s), peak RSS {peak:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
