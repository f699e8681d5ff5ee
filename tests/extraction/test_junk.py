"""Constructions that are not statements at all, beyond page furniture (tests/extraction/test_kinds.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.junk import in_markup, is_quoted_title, markup_spans
from bot.extraction.model import Statement, StatementType
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (name, article, quoted words, kept as a statement?)
TITLE_CASES = [
    ("a show after 'on' and a possessive",
     '"The White House is out of touch," Flynn said Thursday on Fox News\'s "Fox and Friends." "There is a lot of '
     'frustration."', "Fox and Friends", False),
    ("a show after a possessive", '"We need to step away from that," Pence said on CNN\'s "State of the Union."',
     "State of the Union", False),
    ("a show after 'to' and a possessive", '"She just made it up," he said during a call to ABC\'s "This Week."',
     "This Week", False),
    ("the speaker's words beside the title stay", '"We need to step away from that," Pence said on CNN\'s '
     '"State of the Union."', "We need to step away", True),
    ("a slogan after 'of' is quoted words", 'In his speech, Trump proclaimed a goal of "Peace Through Strength."',
     "Peace Through Strength", True),
    ("a capitalised quote of its own is words", '"We will win," Doe said. "Believe Me."', "Believe Me", True),
    ("a headline with its byline after the marks", 'Clinton said the museum would reopen soon.\n\n"Met accused of '
     'whitewashing baby Jesus," by Post\'s Kathianne Boniello: "A Manhattan man is suing the Met."', "Met accused",
     False),
    ("a quotation before 'by' and a lower-case word is words", 'Clinton said the museum would reopen soon.\n\n"We '
     'will reopen the doors in the spring," by all accounts, was her promise to the board.', "We will reopen", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_quoted_titles_are_not_statements(nlp: Language, text: str, words: str, kept: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(s.quote.startswith(words) for s in statements) is kept


def _statement(text: str, words: str, type_: StatementType) -> Statement:
    start = text.index(words)
    return Statement(type_, words, start, start + len(words), "Doe", "Doe", None, "said")


# (name, sentence, quoted words, statement type, a quoted title?)
QUOTED_TITLE_SPANS: list[tuple[str, str, str, StatementType, bool]] = [
    ("title in his", 'Gingrich included it in his "Contract with America."', "Contract with America", "direct", True),
    ("no quotation mark", "Doe spoke on Meet the Press today.", "Meet the Press", "direct", False),
    ("not title case", 'Doe said on "the radio show" that it was over.', "the radio show", "direct", False),
    ("too long for a title", 'Doe said on "Meet The Press And Friends And The Rest Of Us" that it was over.',
     "Meet The Press And Friends And The Rest Of Us", "direct", False),
    ("only a direct quote is read as a title", 'Doe said on "Meet the Press."', "Meet the Press", "mixed", False),
    ("a year between the possessive and the title", 'It was in his 1994 "Contract with America."',
     "Contract with America", "direct", True),
    ("a work's noun and a comma", "So they stayed, Mr. Rubio said in his 2012 book, ''An American Son.''",
     "An American Son", "direct", True),
    ("a work's noun", '"It is my job," Weiner said on the podcast "Here\u2019s the Thing."', "Here\u2019s the Thing",
     "direct", True),
    ("a verb before the quote is not a work's noun", 'The crowd chanted "Dump Trump."', "Dump Trump", "direct", False),
]


@pytest.mark.parametrize(("text", "words", "type_", "title"), [c[1:] for c in QUOTED_TITLE_SPANS],
                         ids=[c[0] for c in QUOTED_TITLE_SPANS])
def test_is_quoted_title(text: str, words: str, type_: StatementType, title: bool) -> None:
    assert is_quoted_title(text, _statement(text, words, type_)) is title


# (name, text, words of the statement, does it touch markup?)
MARKUP_CASES = [
    ("an embedded tweet's attributes", '<tweet id="6721" author="@Doe" datetime="2015-12-02">Praying for them</tweet>.',
     'author="@Doe"', True),
    ("the tag name read as a cue", '<tweet pic="" author="Doe">Praying for them</tweet>', "tweet", True),
    ("a tag without attributes is left alone", "<b>Doe said</b> the vote was over.", "the vote was over", False),
    ("a comparison is not a tag", 'If a<b and c="d" then b>a, Doe said.', 'c="d"', False),
]


@pytest.mark.parametrize(("text", "words", "touches"), [c[1:] for c in MARKUP_CASES],
                         ids=[c[0] for c in MARKUP_CASES])
def test_markup_is_not_a_statement(text: str, words: str, touches: bool) -> None:
    assert in_markup(_statement(text, words, "indirect"), markup_spans(text)) is touches


def test_embedded_tweet_markup_gives_no_statement(nlp: Language) -> None:
    text = ('The candidates reacted on Twitter.\n\n<tweet pic="" author="JebBush" timestamp="1449075600" '
            'tweet_id="672153025243426816">Praying for the victims</tweet>\n\nDoe said the vote was over.')
    statements = extract(text, nlp=nlp).statements
    assert not any("author=" in s.quote or s.cue == "tweet" for s in statements)
    assert any(s.quote == "the vote was over" for s in statements)


MASTHEAD_CASES = [
    ("a masthead's 'Posted:' date line", "Ottawa to boost housing funds\n\nPosted: March 14, 2024 10:30 AM EDT | Last "
     "Updated: March 14, 2024\n\nHousing Minister Sean Fraser said the fund would grow.", "Last Updated", False),
    ("a verb of posting with its quotation stays", "Trump spoke in Ohio.\n\nTrump posted: \"We will win big.\"",
     "We will win big", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), [c[1:] for c in MASTHEAD_CASES],
                         ids=[c[0] for c in MASTHEAD_CASES])
def test_masthead_date_labels_are_not_statements(nlp: Language, text: str, words: str, kept: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(words in s.quote for s in statements) is kept
    assert any("would grow" in s.quote or "win big" in s.quote for s in statements)  # (the article's own stays)


# (name, text, words no statement holds, words a statement holds: the control)
STRAY_CASES = [
    ("a time clause after the cue of a quotation", '"Are you O.K., honey? Don\'t fall," he said, when a protester '
     "seemed to stumble.", "when a protester", "Don't fall"),
    ("a time clause after a verb of saying alone", "He tweeted when Clinton ended a debate with a reference to the "
     "film. His aide said that the tour would end soon.", "when Clinton ended", "the tour would end soon"),
    ("a clause fronted before a cue with its own complement", "Fiorina was a microscopic planner - a former "
     "speechwriter said she demanded every detail of every event.", "microscopic planner", "she demanded every"),
    ("the source with its relative clause before the cue", "Sanders, meanwhile, who sits at zero such endorsements, "
     "said that fact speaks volumes about who he is.", "zero such endorsements", "speaks volumes"),
    ("the inverted source's appositive when the parser gives the cue two subjects", '"If it doesn\'t have the '
     'capability to threaten its neighbors with nuclear weapons yet, it will at some point, probably sooner rather '
     'than later," said James Acton, a physicist who is co-director of the Nuclear Policy Program at the Carnegie '
     "Endowment.", "a physicist", "sooner rather than later"),
    ("a sentence before a cue with its own infinitive", "Her legal residency was still valid, so she continued to "
     "renew it. The mayor said that the city would grow.", "residency was still valid", "the city would grow"),
    ("a sentence before a cue with its own object", "There's an ongoing FBI investigation into her email set-up, "
     "courts are still ordering the release of emails from her top aides. The mayor said that the city would grow.",
     "ongoing FBI investigation", "the city would grow"),
    ("an appositive the parser made a second object", "On Friday, Mr. Carson endorsed Mr. Trump at a news "
     "conference at Mar-a-Lago, Mr. Trump's private club, calling him smart.", "private club", "Mr. Trump"),
    ("an imperative addressing the reader", "Call it a familiarity fetish. At the presentations, the networks "
     "said that old shows would return.", "familiarity fetish", "old shows would return"),
    ("an imperative of saying", "Say what you will about the plan. The mayor said that the city would grow.",
     "what you will", "the city would grow"),
    ("a roster of names after a label", "The insiders are listed below.\nNew Hampshire: Charlie Arlinghaus, Arnie "
     "Arnesen, Patrick Arnold, Rich Ashooh, Dean Barker.\nThe mayor said that the city would grow.",
     "Arlinghaus", "the city would grow"),
]

# (name, text, words a statement holds)
STRAY_KEPT = [
    ("an indirect question with its modal", "The senator said when the committee would vote on the bill.",
     "when the committee would vote"),
    ("a content split by its cue", "It is no surprise, Mr. Garin said, that Mrs. Clinton won the state.",
     "It is no surprise"),
    ("a label's words with names in them", "Pat Caddell: Voters worried about the economy, Clinton and Trump "
     "alike.", "Voters worried about the economy"),
    ("an imperative inside the speaker's quotation", '"Tell them the truth," she said.', "Tell them the truth"),
    ("an object noun's own clause after its aside", "Then he also expressed an opinion, similar to Dashti, that "
     "resistance to the Taliban could spread to other provinces.", "resistance to the Taliban could spread"),
    ("an object across the cue's own aside", "Mr. Comey described, in fairly blistering terms, a set of email "
     "practices that left her systems wide open.", "a set of email practices"),
    ("a passive's subject before its infinitive", "The House is expected to pass the bill this week.",
     "The House"),
    ("a fronted part with a reporting verb of its own", "Claiming the criticism is designed to pressure the "
     "moderators, Trump told Fox that the network was biased.", "Claiming the criticism"),
]


@pytest.mark.parametrize(("text", "absent", "present"), [c[1:] for c in STRAY_CASES],
                         ids=[c[0] for c in STRAY_CASES])
def test_stray_contents_are_not_statements(nlp: Language, text: str, absent: str, present: str) -> None:
    statements = extract(text, nlp=nlp).statements
    assert not [s for s in statements if absent in s.quote]
    assert any(present in s.quote for s in statements)


@pytest.mark.parametrize(("text", "present"), [c[1:] for c in STRAY_KEPT], ids=[c[0] for c in STRAY_KEPT])
def test_contents_near_stray_constructions_stay(nlp: Language, text: str, present: str) -> None:
    assert any(present in s.quote for s in extract(text, nlp=nlp).statements)


# (name, article, a label's words, kept as a statement?)
SECTION_HEADING_CASES = [
    ("a short labelled heading over a paragraph of a run-down", "What each candidate needs tonight.\n\nRubio: Finish "
     "second.\n\nThe Florida senator is following a three-step plan, his aides said.", "Finish second", False),
    ("a short answer between transcript labels stays", "The debate went on.\n\nTRUMP: I disagree strongly.\n\n"
     "CLINTON: Well, the facts say otherwise.", "I disagree strongly", True),
    ("a short quoted answer after a label stays", "The debate went on.\n\nRubio: \"Not yet.\"\n\nThe Florida "
     "senator is following a three-step plan, his aides said.", "Not yet", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), [c[1:] for c in SECTION_HEADING_CASES],
                         ids=[c[0] for c in SECTION_HEADING_CASES])
def test_labelled_section_headings_are_not_statements(nlp: Language, text: str, words: str, kept: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(words in s.quote for s in statements) is kept
