"""Over-long runs of non-space characters, blanked in the parse text only. Pure: stdlib.

spaCy's tokenizer strips prefixes and suffixes one at a time from a space-delimited string, and every step
scans what is left: a string that is all affixes (20,000 ``"``, ``((((``, ``'s's's``) costs time quadratic
in its length (measured: 4,000 ``"`` take 1.5 s, 20,000 take about 50 s). No article holds such a run (the
longest in PolNeAR dev and train: 87 non-space characters, 7 punctuation characters), so capping the runs
changes no normal text. Characters are replaced by spaces, never removed: the parse text keeps the original's
length, and every offset into it is an offset into the original.
"""

from __future__ import annotations

import re

# A run of punctuation (neither word characters nor spaces) longer than this keeps only its ends...
MAX_PUNCT_RUN = 32
# ... this many characters at each end (so a closing quote mark after "!!!!..." stays where it was).
PUNCT_RUN_KEEP = 4
# Any run of non-space characters longer than this gets a space at every MAX_NONSPACE_RUN-th character, so
# no string the tokenizer sees is longer (URLs and words are far shorter).
MAX_NONSPACE_RUN = 256

_PUNCT_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_NONSPACE_RUN + 1},}}")


def cap_runs(text: str) -> str:
    """Return ``text`` with over-long runs blanked by spaces: the same length, unchanged where no run is long."""
    chars: list[str] | None = None
    for match in _PUNCT_RUN.finditer(text):
        chars = chars if chars is not None else list(text)
        start, end = match.start() + PUNCT_RUN_KEEP, match.end() - PUNCT_RUN_KEEP
        chars[start:end] = " " * (end - start)
    capped = "".join(chars) if chars is not None else text
    chars = None
    for match in _LONG_RUN.finditer(capped):
        chars = chars if chars is not None else list(capped)
        for cut in range(match.start() + MAX_NONSPACE_RUN, match.end(), MAX_NONSPACE_RUN):
            chars[cut] = " "
    return "".join(chars) if chars is not None else capped
