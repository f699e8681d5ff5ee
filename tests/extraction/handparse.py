"""Hand-built parses for rule tests (spaCy's own test style: no model).

A Doc is written as one row per token: (word, head index, dependency, POS, tag, lemma); the text is given so that
spacing (and therefore character offsets) is exact. The vocabulary is a blank English pipeline's: lexical attributes
(``lower_``, ``is_punct``), like spaCy's ``en_vocab`` test fixture, and nothing else.
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from bot.extraction.attribution.context import Context

Row = tuple[str, int, str, str, str, str]
VOCAB = English().vocab


def parsed(text: str, rows: list[Row]) -> Context:
    """Build the context of a hand-parsed sentence whose words appear in ``text`` in order."""
    words = [r[0] for r in rows]
    spaces, pos = [], 0
    for w in words:
        pos = text.index(w, pos) + len(w)
        spaces.append(text[pos:pos + 1] == " ")
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], tags=[r[4] for r in rows], lemmas=[r[5] for r in rows])
    assert doc.text == text
    return Context.build(doc, text)
