"""One configuration for the whole extraction core: every tunable, declared once with its default.

The discipline of spaCy's ``default_config``: :class:`ExtractionConfig` is built once from the shipped data
(:meth:`ExtractionConfig.default`), handed down as an argument to the passes that read it, and changed only by
making a new one (``dataclasses.replace``), so nothing is patched at run time and a training or evaluation run can
say exactly what it used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from bot.extraction.attribution import AttributionConfig
from bot.extraction.dating import DatingConfig
from bot.extraction.dating.config import DEFAULT_DATING_CONFIG
from bot.extraction.speakers import SpeakersConfig
from bot.extraction.speakers.config import DEFAULT_CONFIG as DEFAULT_SPEAKERS_CONFIG


@dataclass(frozen=True, slots=True)
class ExtractionConfig:
    """The rule passes and learned filter, speaker resolution, and statement dating."""

    attribution: AttributionConfig = field(default_factory=AttributionConfig.default)
    speakers: SpeakersConfig = DEFAULT_SPEAKERS_CONFIG
    dating: DatingConfig = DEFAULT_DATING_CONFIG

    @classmethod
    def default(cls) -> ExtractionConfig:
        """Return the shipped configuration (built once; the filter's weights from ``data/ranker.json``)."""
        return _default()


@lru_cache(maxsize=1)
def _default() -> ExtractionConfig:
    return ExtractionConfig()


__all__ = ["ExtractionConfig"]
