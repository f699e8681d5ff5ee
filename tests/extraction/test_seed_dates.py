"""Golden test: the seed article's statements get the dates a reader gives them.

The seed is dated 2021-09-02 (a Thursday). Kirby speaks on the article date; Agbar's five statements follow
"The day before" after "Earlier Thursday" (2021-09-01); Blinken "On August 31"; the Pentagon's confirmation
"The day before" that (2021-08-30); the Taliban's declarations "On August 15".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import DateError
from bot.extraction.dating import date_statements, find_date_line
from bot.extraction.model import Statement
from bot.extraction.pipeline import extract, prepare

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_92e1eb94dd366c5a.txt"

# (a substring of the statement's content, its cue, the expected date)
GOLDEN: list[tuple[str, str, str]] = [
    ("the US military mission in this country is over", "replied", "2021-09-02"),
    ("The US military mission in Afghanistan is over", "replied", "2021-09-02"),
    ("We’re definitely going to do that", "said", "2021-09-02"),
    ("opponents of the Taliban in the Afghan province of Panjshir would resist", "said", "2021-09-01"),
    ("protection does not mean waging war", "According to", "2021-09-01"),
    ("the resistance in Panjshir is fighting", "noted", "2021-09-01"),
    ("resistance to the Taliban could spread", "expressed", "2021-09-01"),
    ("the Taliban captured almost the entire country", "recalled", "2021-09-01"),
    ("the operation to evacuate people from Afghanistan", "said", "2021-08-31"),
    ("the departure of the last US Air Force plane", "confirmed", "2021-08-30"),
    ("end of the war", "declared", "2021-08-15"),
    ("their unwillingness to form a coalition government", "declared", "2021-08-15"),
]

# Speakers of the hand-built statements (by a word of their content), as the engine resolves them.
SPEAKERS = {
    "US military mission": "John Kirby", "definitely": "John Kirby", "Panjshir": "Muhammad Zohir Agbar",
    "protection": "Muhammad Zohir Agbar", "could spread": "Muhammad Zohir Agbar",
    "captured": "Muhammad Zohir Agbar", "evacuate": "Anthony Blinken", "Air Force": "Pentagon",
    "end of the war": "Taliban", "unwillingness": "Taliban",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _by_quote(statements: tuple[Statement, ...] | list[Statement], fragment: str) -> Statement:
    found = [s for s in statements if fragment in s.quote]
    assert found, f"no statement contains {fragment!r}: {[s.quote for s in statements]}"
    return found[0]


@pytest.mark.parametrize(("fragment", "cue", "expected"), GOLDEN, ids=[g[0][:30] for g in GOLDEN])
def test_seed_dates_over_extract(nlp, seed_text: str, fragment: str, cue: str,  # type: ignore[no-untyped-def]
                                 expected: str) -> None:
    result = extract(seed_text, nlp=nlp)
    assert (result.article_date, result.date_source) == ("2021-09-02", "date line")
    st = _by_quote(result.statements, fragment)
    assert st.date == expected, (st.quote, st.date, st.date_basis, st.date_text)


def test_seed_dates_over_hand_built_statements(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    """The same golden dates with the statements given by hand: dating alone, whatever the engine finds."""
    prepared = prepare(seed_text)
    statements: list[Statement] = []
    for fragment, cue, _ in GOLDEN:
        speaker = next(name for key, name in SPEAKERS.items() if key in fragment)
        start = seed_text.index(fragment)
        cues = [i for i in range(len(seed_text)) if seed_text.startswith(cue, i)]
        at = min(cues, key=lambda i: abs(i - start))
        statements.append(Statement("indirect", fragment, start, start + len(fragment), speaker, None, None, cue,
                                    cue_start=at, cue_end=at + len(cue)))
    statements.sort(key=lambda s: s.start)
    dated = date_statements(nlp(prepared.parse_text), statements, prepared.reference)
    expected = {fragment: date for fragment, _, date in GOLDEN}
    assert {s.quote: s.date for s in dated} == expected
    bases = {s.quote: (s.date_basis, s.date_text) for s in dated}
    assert bases["the departure of the last US Air Force plane"] == ("relative", "The day before")
    assert bases["the operation to evacuate people from Afghanistan"] == ("explicit", "August 31")
    # an inherited date says which words dated it, here in the statement before
    assert bases["protection does not mean waging war"] == ("inherited", "The day before")
    assert bases["We’re definitely going to do that"] == ("article", None)


def test_no_date_anywhere_leaves_statements_undated(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    _, span = find_date_line(seed_text)
    assert span is not None
    undated_text = seed_text[span[1]:]
    result = extract(undated_text, nlp=nlp)
    assert result.article_date is None and result.date_source is None
    assert result.statements
    # Without an article date, "August 31" has no year and "The day before" nothing to count from.
    assert all(s.date is None and s.date_basis is None for s in result.statements)
    assert any("no article date" in w for w in result.warnings)


def test_request_date_overrides_the_date_line(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(seed_text, nlp=nlp, article_date="2021-09-03")
    assert (result.article_date, result.date_source) == ("2021-09-03", "request")
    kirby = _by_quote(result.statements, "We’re definitely going to do that")
    assert (kirby.date, kirby.date_basis) == ("2021-09-03", "article")


@pytest.mark.parametrize(("header", "message"), [
    ("date 2021-13-45", "not a valid date"),
    ("date 02/09/2021", "YYYY-MM-DD"),
])
def test_bad_date_line_is_a_clear_error(nlp, seed_text: str, header: str,  # type: ignore[no-untyped-def]
                                        message: str) -> None:
    text = seed_text.replace("date 2021-09-02", header, 1)
    with pytest.raises(DateError, match=message):
        extract(text, nlp=nlp)


def test_impossible_date_in_text_falls_back(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("date 2021-09-02\nOn February 30, the minister said that the plan would work. "
            "The general said on Tuesday that the army would stay.")
    result = extract(text, nlp=nlp)
    plan = _by_quote(result.statements, "the plan would work")
    army = _by_quote(result.statements, "the army would stay")
    assert (plan.date, plan.date_basis) == ("2021-09-02", "article")
    assert (army.date, army.date_basis) == ("2021-08-31", "explicit")


def test_the_pipeline_passes_the_dating_config(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from bot.extraction.config import ExtractionConfig
    from bot.extraction.dating import DatingConfig

    text = "date 2021-09-02\nThe ministry said in a statement on Monday that the talks had failed."
    default = _by_quote(extract(text, nlp=nlp).statements, "the talks had failed")
    config = replace(ExtractionConfig.default(), dating=DatingConfig(max_attachment_hops=1))
    tuned = _by_quote(extract(text, nlp=nlp, config=config).statements, "the talks had failed")
    assert (default.date, default.date_basis) == ("2021-08-30", "explicit")
    assert (tuned.date, tuned.date_basis) == ("2021-09-02", "article")


def test_the_pipeline_passes_the_speakers_config(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from bot.extraction.config import ExtractionConfig

    text = "Pentagon spokesman John Kirby spoke on Monday. “We will leave on time,” he said."
    default = extract(text, nlp=nlp)
    assert [s.speaker for s in default.statements] == ["John Kirby"]
    shipped = ExtractionConfig.default()
    blind = replace(shipped.speakers, pronoun_window_sentences=0, pronoun_wide_window_sentences=0,
                    salient_window_chars=0)
    unresolved = extract(text, nlp=nlp, config=replace(shipped, speakers=blind)).statements
    assert [(s.speaker, s.speaker_mention) for s in unresolved] == [(None, "he")]
