"""`.env.example` lists exactly the settings the code reads, each with a comment, with the same defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.errors import ConfigError
from bot.settings import SETTING_DEFAULTS, Settings

EXAMPLE = Path(__file__).resolve().parents[1] / ".env.example"


def _entries() -> list[tuple[str, str, str]]:
    """Return (name, value, the comment line above it) for every assignment in .env.example."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            out.append((name.strip(), value.strip(), lines[i - 1] if i else ""))
    return out


def test_env_example_lists_exactly_the_settings() -> None:
    names = [name for name, _, _ in _entries()]
    assert len(names) == len(set(names)), "a setting is listed twice"
    assert set(names) == set(SETTING_DEFAULTS)


def test_every_setting_has_a_comment_and_the_code_default() -> None:
    for name, value, comment in _entries():
        assert comment.startswith("# ") and len(comment) > 10, f"{name} has no comment line above it"
        assert value == SETTING_DEFAULTS[name], f"{name}: .env.example says {value!r}, code {SETTING_DEFAULTS[name]!r}"


def test_env_example_parses_into_valid_settings() -> None:
    values = {k: v or "" for k, v in dotenv_values(EXAMPLE).items()}
    settings = Settings.from_env(values)
    assert settings.discord_token is None
    assert settings.command_prefix == "!"


@pytest.mark.parametrize(("env", "count", "ids"), [
    ({}, None, None),
    ({"SHARD_COUNT": "2"}, 2, None),  # every shard in this one process
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0"}, 2, (0,)),
    ({"SHARD_COUNT": "4", "SHARD_IDS": " 3, 1 "}, 4, (1, 3)),  # spaces allowed, kept sorted
    ({"SHARD_COUNT": "1", "SHARD_IDS": "0"}, 1, (0,)),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "  "}, 2, None),
])
def test_shard_settings(env: dict[str, str], count: int | None, ids: tuple[int, ...] | None) -> None:
    settings = Settings.from_env(env)
    assert (settings.shard_count, settings.shard_ids) == (count, ids)


@pytest.mark.parametrize(("env", "message"), [
    ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
    ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be at least 1, got 0"),
    ({"SHARD_COUNT": "-2", "SHARD_IDS": "0"}, "SHARD_COUNT must be at least 1, got -2"),
    ({"SHARD_COUNT": "two"}, "SHARD_COUNT must be a whole number, got 'two'"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "shard 2 is out of range; with SHARD_COUNT=2 the shards are 0 to 1"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0,1,0"}, "SHARD_IDS lists shard 0 twice"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "-1"}, "list of shard numbers, got '-1'"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0;1"}, "list of shard numbers, got '0;1'"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0,,1"}, "list of shard numbers, got ''"),
])
def test_bad_shard_settings_say_what_is_wrong(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(env)
    assert message in str(caught.value)
