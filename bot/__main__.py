"""Entry point: ``python -m bot <command>``. Loads .env, builds Settings once, hands over to the CLI."""

from __future__ import annotations

import os
import sys

from dotenv import load_dotenv


def main(argv: list[str] | None = None) -> int:
    """Load settings from the environment (and .env) and run the CLI."""
    from bot.cli import run_cli
    from bot.errors import ConfigError
    from bot.settings import Settings

    load_dotenv()
    try:
        settings = Settings.from_env(os.environ)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return run_cli(settings, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
