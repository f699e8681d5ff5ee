"""Statement dating: when was each statement made, resolved from the article's own words.

The rules follow news writing and the TimeML/HeidelTime treatment of news (Strötgen & Gertz 2013). The
package reads in the order the work is done:

- :mod:`.dateline`: the article's date line (``date 2021-09-02`` at the top), the article date's source.
- :mod:`.masthead`: a pasted article's own publication date in its head (a wire dateline, "Published ...").
- :mod:`.vocabulary`: month and weekday tables and relative phrases of ``data/dating_words.json``, compiled.
- :mod:`.expressions`: where those words occur in the text, and the precision of a date expression.
- :mod:`.calendar`: calendar arithmetic without the parse (year rollover, weekdays, relative offsets).
- :mod:`.events`: named occasions with a calendar date (Sunday shows, holidays, numbered debates).
- :mod:`.regions`: paragraphs, quoted words and the parse's sentences.
- :mod:`.attach`: where each expression stands in the parse: what it modifies, framing or main clause.
- :mod:`.clause`: a statement's reporting clause (cue, simultaneous clauses, vehicle nouns), never its content.
- :mod:`.occasions`: dated occasions remembered, and later mentions of them ("after the debate").
- :mod:`.voices`: one speaker under its short names ("the IMF", "the fund").
- :mod:`.inherit`: inheritance that follows the occasion across paragraphs, and scenes.
- :mod:`.lede`: summaries dated by what follows them (a lede by the body, a summary by its words).
- :mod:`.assign`: the date of every statement: its own expression, its occasion's, an inherited one, or the
  article date, with ``date_text`` (the words that dated it) and ``date_precision``.
- :mod:`.config`: :class:`DatingConfig`, every window and limit of those rules with its default.

Impossible dates in the text ("February 30") are ignored (the statement falls back); they never raise.
"""

from bot.extraction.dating.assign import date_statements
from bot.extraction.dating.attach import Expression, find_expressions
from bot.extraction.dating.calendar import Resolved, Tense, resolve
from bot.extraction.dating.config import DEFAULT_DATING_CONFIG, DatingConfig
from bot.extraction.dating.dateline import date_line_span, find_date_line, parse_iso_date, strip_date_line
from bot.extraction.dating.expressions import TemporalMatch, date_precision, match_temporal
from bot.extraction.dating.inherit import inherits
from bot.extraction.dating.masthead import dateline_day, head_date
from bot.extraction.dating.regions import paragraph_starts
from bot.extraction.dating.vocabulary import (
    DATA_FILE,
    Anchor,
    Precision,
    RelativeRule,
    Vocabulary,
    required_words,
    vocabulary,
)

__all__ = [
    "DATA_FILE", "DEFAULT_DATING_CONFIG", "Anchor", "DatingConfig", "Expression", "Precision", "RelativeRule",
    "Resolved", "TemporalMatch", "Tense", "Vocabulary", "date_line_span", "date_precision", "date_statements",
    "dateline_day", "find_date_line", "find_expressions", "head_date", "inherits", "match_temporal", "paragraph_starts",
    "parse_iso_date", "required_words", "resolve", "strip_date_line", "vocabulary",
]
