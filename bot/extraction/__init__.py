"""Pure extraction core: spaCy + stdlib. Text in, frozen dataclasses out. No discord, no storage."""

from bot.extraction.model import Extraction, Statement

__all__ = ["Extraction", "Statement"]
