"""Where a content span starts and ends: one row per rule, each a case that fails without it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language


def quotes(nlp: Language, text: str) -> list[str]:
    return [st.quote for st in extract(text, nlp=nlp).statements]


# (rule, text, the exact content of one statement)
ENDS = [
    ("a content opening with a participle of saying is that participle's complement",
     "The premier's office later released a statement saying Alberta would take the matter to court.",
     "Alberta would take the matter to court"),
    ("'according to' reports every clause coordinated to the one it modifies",
     "Trump received 37 percent, Clinton had 36 percent and Bloomberg snagged 13 percent, according to the poll.",
     "Trump received 37 percent, Clinton had 36 percent and Bloomberg snagged 13 percent"),
    ("a 'to' phrase the parser hangs on the cue completes an object",
     "Senator Warren defended her call to raise the federal minimum wage to $15 an hour.",
     "her call to raise the federal minimum wage to $15 an hour"),
    ("a 'to' phrase after an object's own modifier",
     "The White House endorsed the nomination of David Nye to the federal bench.",
     "the nomination of David Nye to the federal bench"),
    ("a dative 'to' after the object",
     "The governor offered his thoughts and prayers to the victims of the flood.",
     "his thoughts and prayers to the victims of the flood"),
    ("a 'that' clause of the object noun the parser hangs on the cue",
     "The senator repeated his contention that the law would only serve to help the banks.",
     "his contention that the law would only serve to help the banks"),
    ("a prepositional phrase the parser hangs on the cue completes a noun-phrase content",
     "The mayor praised the volunteers' generosity in support of the city's food banks.",
     "the volunteers' generosity in support of the city's food banks"),
    ("... but not one that sets the act in an occasion or a time",
     "Trump criticized the agreement in an interview on Monday.", "the agreement"),
    ("a dash-set appositive is an aside like a comma-set one",
     "The senator said the plan would cut taxes for most families — a promise that his critics dispute.",
     "the plan would cut taxes for most families"),
    ("a dash-set aside after a quotation the content closes",
     "Mr. Trump dismissed Estonia as a “suburb of St. Petersburg” — a remark that alarmed the Baltic states.",
     "Estonia as a “suburb of St. Petersburg”"),
    ("a quoted fragment goes on with its cue's content just before it",
     "Tunnels are so numerous in the area that Border Patrol agents described the ground underneath the city as "
     "“Swiss cheese.”", "the ground underneath the city as “Swiss cheese.”"),
]


# (rule, text, the exact content of one statement)
STARTS = [
    ("a quotation after a lead-in that ends in a colon starts at its mark",
     "A few minutes later, the governor went on to the cost of the plan: “We cannot pay for this without new "
     "taxes,” he said.", "We cannot pay for this without new taxes"),
    ("a content never holds its own cue (a relative pronoun the parser put in the reported clause)",
     "The minimum wage in Ohio, which the state labor department says is the highest in the region, will rise "
     "again next year.", "is the highest in the region"),
    ("a second source's clause after ', and' is not the first source's content",
     "Voters said they were very worried about the direction of the economy, and more than 4 in 10 said Donald "
     "Trump would be best at handling it.", "they were very worried about the direction of the economy"),
    ("a second source's clause after 'while' is not the first source's content",
     "Some voters said the former president had made a good case for his wife, while other voters said they had "
     "not heard anything new.", "the former president had made a good case for his wife"),
]


@pytest.mark.parametrize(("rule", "text", "expected"), [pytest.param(*c, id=c[0]) for c in STARTS])
def test_content_start(nlp: Language, rule: str, text: str, expected: str) -> None:
    found = quotes(nlp, text)
    assert expected in found, (rule, found)


@pytest.mark.parametrize(("rule", "text", "expected"), [pytest.param(*c, id=c[0]) for c in ENDS])
def test_content_end(nlp: Language, rule: str, text: str, expected: str) -> None:
    found = quotes(nlp, text)
    assert expected in found, (rule, found)
