"""Session-wide fixtures: the spaCy model, loaded once for the whole test run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.nlp import load_model

if TYPE_CHECKING:
    from spacy.language import Language

# The model every test parses with; the workers' pools load the same name in their own processes.
TEST_MODEL = "en_core_web_sm"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured model (the official small model, else the PyPI mirror), one instance for every test."""
    return load_model(TEST_MODEL)
