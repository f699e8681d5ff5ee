"""Batch extraction: many prepared texts parsed together with ``nlp.pipe``, one result per text.

A bad document costs its own result, never the batch: an input error comes back as the
:class:`~bot.errors.QuoteBotError` it raised, an engine bug as :data:`ENGINE_FAILURE` (and a logged traceback).
Process pools and memory bounds for long-running workers live in :mod:`bot.workers`. Pure: spaCy + stdlib.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.errors import QuoteBotError
from bot.extraction.parsing import PIPE_BATCH_SIZE, parse
from bot.extraction.pipeline import Prepared, extract_from_doc

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.extraction.model import Extraction

log = logging.getLogger(__name__)

ENGINE_FAILURE = "internal error in the extraction engine (logged); please report this document"


def _extract_one(nlp: Language, prepared: Prepared) -> Extraction | QuoteBotError | str:
    try:
        return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))
    except QuoteBotError as exc:
        return exc
    except Exception:  # an engine bug must cost one document, not the whole batch
        log.exception("extraction failed on a document of %d chars", len(prepared.original))
        return ENGINE_FAILURE


def extract_prepared(nlp: Language, prepared: Sequence[Prepared],
                     batch_size: int = PIPE_BATCH_SIZE) -> list[Extraction | QuoteBotError | str]:
    """Parse ``prepared`` texts with ``nlp.pipe`` and run the rules on each doc; one result per text, in order."""
    results: list[Extraction | QuoteBotError | str] = []
    docs = parse(nlp, [p.parse_text for p in prepared], batch_size=batch_size)
    try:
        for prep, doc in zip(prepared, docs, strict=False):
            try:
                results.append(extract_from_doc(prep, doc))
            except QuoteBotError as exc:
                results.append(exc)
            except Exception:
                log.exception("extraction failed on a document of %d chars", len(prep.original))
                results.append(ENGINE_FAILURE)
    except Exception:  # the parser itself failed inside a batch: finish the chunk one document at a time
        log.exception("nlp.pipe failed; parsing the rest of the chunk one document at a time")
        results.extend(_extract_one(nlp, prep) for prep in prepared[len(results):])
    return results
