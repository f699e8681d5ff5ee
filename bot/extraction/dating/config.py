"""The tunables of statement dating: every window and limit of the rules, declared once with its default."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DatingConfig:
    """Windows and limits of the dating rules; pass one to :func:`date_statements` to change them."""

    # A date without a year ("December 30") is looked for this many years either side of the article's year.
    year_window: int = 1
    # How many dependency arcs a temporal expression may climb (through its preposition or a communication
    # noun, "said in a statement on Monday") to reach the verb it modifies.
    max_attachment_hops: int = 6
    # How many characters before a bare month name are searched for "in" / "during" ("in August").
    month_preposition_lookback: int = 12
    # A statement without a date of its own inherits the previous statement's date from the text when that
    # one is at most this many paragraphs back (0: the same paragraph) ...
    inherit_paragraphs: int = 0
    # ... or at most this many paragraphs back when both have the same speaker (measured on PolNeAR dev:
    # chains across speakers spread a dated aside over whole articles).
    inherit_paragraphs_same_speaker: int = 1
    # A voice (one speaker under its short names, :mod:`.voices`) keeps the occasion of its last dated
    # statement for this many paragraphs, until a new speaker intervenes ...
    voice_paragraphs: int = 4
    # ... or, when True, over other speakers too (PolNeAR dev dates: the same 0.846 of the confident
    # statements, two more article-dated statements wrong among the unsure ones; off, as issue 13 asks).
    voice_across_speakers: bool = False
    # A scene (a framing time, "On Sunday afternoon, ...") dates the statements after it in its paragraph and
    # in this many paragraphs after it.
    scene_paragraphs: int = 2
    # The lede, where the story's own occasion is dated ("European leaders gathered Friday ..."): this many
    # paragraphs from the top (the title counts as one).
    lede_paragraphs: int = 3
    # A lede statement on the article date takes its voice's next statement's date from the text when that
    # one is at most this many paragraphs below (:mod:`.lede`; 0 turns the rule off).
    lede_reach: int = 2


DEFAULT_DATING_CONFIG = DatingConfig()
