"""Shared fixtures for extraction tests: the spaCy model, loaded once per session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.nlp import load_model

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured model (the official small model, else the PyPI mirror)."""
    return load_model("en_core_web_sm")
