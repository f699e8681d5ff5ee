"""Over-long runs are blanked in the parse text only: normal text untouched, offsets kept, hostile pastes bounded."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, strategies as st

from bot.extraction.pipeline import extract
from bot.extraction.runs import MAX_NONSPACE_RUN, MAX_PUNCT_RUN, PUNCT_RUN_KEEP, cap_runs

if TYPE_CHECKING:
    from spacy.language import Language

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_92e1eb94dd366c5a.txt"
ARTICLE = (
    "WASHINGTON (AP) - The Pentagon said on Tuesday that the evacuation would continue.\n\n"
    '"We are not going to leave anyone behind!!!" John Kirby, the Pentagon press secretary, told reporters. '
    "He said the mission was on schedule; see https://www.defense.gov/News/Transcripts/Transcript/Article/"
    "2747012/pentagon-press-secretary-john-f-kirby-holds-a-press-briefing/?utm_source=feed&utm_medium=rss "
    "for the transcript.\n"
)


def hostile_mix(chars: int, seed: int = 14) -> str:
    """A run of ``chars`` prefix and suffix characters without a space (spaCy strips them one at a time)."""
    rng = random.Random(seed)
    return "".join(rng.choice("\"'([{*$#\u2026\u201c\u2018)]}") for _ in range(chars))


NORMAL = [
    ARTICLE,
    SEED.read_text(encoding="utf-8"),
    'He said: "Never... never!" -- and left.\n\n------\n\n"What?!?!" she asked.',
    "x" * MAX_NONSPACE_RUN + " " + "!" * MAX_PUNCT_RUN,
]


@pytest.mark.parametrize("text", NORMAL)
def test_normal_text_is_untouched(text: str) -> None:
    assert cap_runs(text) == text


def test_a_long_punctuation_run_keeps_only_its_ends() -> None:
    run = '"' * 20_000
    capped = cap_runs("Hello " + run + "!")
    assert len(capped) == len(run) + 7
    kept = PUNCT_RUN_KEEP
    assert capped == "Hello " + '"' * kept + " " * (len(run) + 1 - 2 * kept) + '"' * (kept - 1) + "!"


def test_a_long_non_space_run_is_split_at_a_fixed_stride() -> None:
    text = "go " + "'s" * 5_000 + " now"
    capped = cap_runs(text)
    assert len(capped) == len(text)
    assert max(len(run) for run in capped.split()) == MAX_NONSPACE_RUN
    assert capped[:3] == "go " and capped.endswith(" now")


@given(st.text(alphabet=st.sampled_from("ab1\"'(.-_ \n\u201c"), max_size=3_000))
def test_only_characters_become_spaces_and_no_run_stays_long(text: str) -> None:
    capped = cap_runs(text)
    assert len(capped) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, capped, strict=True))
    assert all(len(run) <= MAX_NONSPACE_RUN for run in capped.split())
    assert all(len(run) <= MAX_PUNCT_RUN for run in re.findall(r"[^\w\s]+", capped))


@pytest.mark.parametrize("run", ['"' * 20_000, hostile_mix(100_000)], ids=["quotes", "mix"])
def test_a_hostile_paste_gives_the_statements_of_the_text_without_it(nlp: Language, run: str) -> None:
    # Before the cap these took minutes (scripts/bench_hostile.py); now well under a second each.
    want = extract(ARTICLE, nlp=nlp, max_chars=200_000)
    got = extract(ARTICLE + "\n" + run + "\n", nlp=nlp, max_chars=200_000)
    assert got.statements == want.statements
    assert want.statements
