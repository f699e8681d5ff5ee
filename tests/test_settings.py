"""`.env.example` lists exactly the settings the code reads, each with a comment, with the same defaults."""

from __future__ import annotations

from pathlib import Path

from dotenv import dotenv_values

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
