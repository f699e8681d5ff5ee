"""Suggestions while typing, over a real service: ranked, scoped to the server, capped, and never an error.

The hostile table is one row per odd thing a user can type into an autocompleted option."""

from __future__ import annotations

import pytest
from command_helpers import ADDER, OTHER_GUILD

from bot.commands import Commands
from bot.commands.completion import one_line, speaker_suggestions, statement_suggestions

ARTICLE = ("Ann Lee|Plan one will work.\nJohn Kirby|The mission is over.\nKirsten Dunn|We stay.\n"
           "Lee Marvin|No comment.\nJen Psaki|We are evacuating 19 citizens.\n")


@pytest.fixture
async def seeded(commands: Commands) -> Commands:
    assert (await commands.dispatch(ADDER, "!extract " + ARTICLE)).kind == "success"
    return commands


async def test_speakers_starting_with_it_come_first(seeded: Commands) -> None:
    found = [s.value for s in await speaker_suggestions(seeded.service, ADDER, "kir")]
    assert found == ["Kirsten Dunn", "John Kirby"]  # the name starts with it; then a word does
    assert [s.value for s in await speaker_suggestions(seeded.service, ADDER, "lee")] == ["Lee Marvin", "Ann Lee"]
    assert [s.value for s in await speaker_suggestions(seeded.service, ADDER, "rste")] == ["Kirsten Dunn"]


async def test_suggestions_are_scoped_to_the_server(seeded: Commands) -> None:
    assert await speaker_suggestions(seeded.service, OTHER_GUILD, "") == ()
    assert await statement_suggestions(seeded.service, OTHER_GUILD, "S1") == ()


async def test_statements_by_id_or_words(seeded: Commands) -> None:
    (s2,) = await statement_suggestions(seeded.service, ADDER, "s2")
    assert (s2.value, s2.label) == ("S2", "S2 · John Kirby: “The mission is over.”")
    assert [s.value for s in await statement_suggestions(seeded.service, ADDER, "evacuate")] == ["S5"]
    assert len(await statement_suggestions(seeded.service, ADDER, "")) == 5


async def test_a_failure_gives_no_suggestions(seeded: Commands, monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*_args: object) -> list[str]:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(seeded.service, "speakers_like", broken)
    assert await speaker_suggestions(seeded.service, ADDER, "kir") == ()
    assert "speaker suggestions failed" in caplog.text and "kir" not in caplog.text  # no typed text logged


HOSTILE = [  # (id, typed): each must answer, with labels and values Discord accepts
    ("nul", "\x00kir"), ("huge", "kir" * 3000), ("fts", 'NEAR(kir OR "x") AND -y* ^'), ("quote", '"'),
    ("like-wildcards", "%_"), ("bidi", "\u202ekir"), ("zero-width", "k\u200bir"), ("newline", "ki\nr"),
    ("only-spaces", "   "), ("id-overflow", "S" + "9" * 30), ("negative-id", "S-1"), ("arabic-digits", "S١"),
]


@pytest.mark.parametrize(("what", "typed"), HOSTILE, ids=[w for w, _ in HOSTILE])
async def test_hostile_typing(seeded: Commands, what: str, typed: str) -> None:
    for found in (await speaker_suggestions(seeded.service, ADDER, typed),
                  await statement_suggestions(seeded.service, ADDER, typed)):
        assert len(found) <= 25
        for s in found:
            assert 1 <= len(s.label) <= 100 and 1 <= len(s.value) <= 100 and "\n" not in s.label


@pytest.mark.parametrize(("text", "shown"), [
    ("a\nb\tc", "a b c"), ("\u202eevil", "evil"), ("x" * 150, "x" * 99 + "…"), ("  spaced   out ", "spaced out"),
])
def test_one_line(text: str, shown: str) -> None:
    assert one_line(text) == shown
