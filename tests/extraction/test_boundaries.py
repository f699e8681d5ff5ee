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
    ("a sentence-opening 'according to' whose clause the parser hung on its source reports the rest of the sentence",
     "According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation.",
     "the move reeks of fear and desperation"),
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
    ("... a manner ('in a way') completes it like any other phrase",
     "The author explained the mortgage crisis in an engaging way that ordinary readers could understand.",
     "the mortgage crisis in an engaging way that ordinary readers could understand"),
    ("... nor one that names its medium",
     "The governor touted his endorsement on his Facebook page.", "his endorsement"),
    ("an 'at' phrase the parser hangs on the cue completes a noun-phrase content",
     "The actress recalled an incident at a Los Angeles movie theater that left her friend in tears.",
     "an incident at a Los Angeles movie theater that left her friend in tears"),
    ("a 'by' phrase of means the parser hangs on the cue completes a noun-phrase content",
     "Clinton answered an early question about her agenda by focusing on the problems that America faces.",
     "an early question about her agenda by focusing on the problems that America faces"),
    ("a 'because of' phrase the parser hangs on the cue completes a noun-phrase content",
     "The senator opposed the 2007 immigration bill because of its guest worker provisions.",
     "the 2007 immigration bill because of its guest worker provisions"),
    ("a dash-set appositive is an aside like a comma-set one",
     "The senator said the plan would cut taxes for most families — a promise that his critics dispute.",
     "the plan would cut taxes for most families"),
    ("a dash-set aside after a quotation the content closes",
     "Mr. Trump dismissed Estonia as a “suburb of St. Petersburg” — a remark that alarmed the Baltic states.",
     "Estonia as a “suburb of St. Petersburg”"),
    ("a participial adjunct of a reported finite clause is part of it, not an aside",
     "The campaign said it raised more than $21 million in January, bringing its total for the race to almost "
     "$95 million.", "it raised more than $21 million in January, bringing its total for the race to almost "
     "$95 million"),
    ("... but one after an infinitive content is an aside",
     "The governor urged lawmakers to sign the measure, potentially teeing up a new law by the end of the year.",
     "lawmakers to sign the measure"),
    ("a noun-phrase content goes on over the subjectless clause of the cue it is the subject of",
     "Advisers promised her entire infrastructure program would be paid for through business tax reform.",
     "her entire infrastructure program would be paid for through business tax reform"),
    ("a content ending in an infinitive goes on over the bare infinitives the parser hung on the cue",
     "Sanders urged the party to ax its superdelegate system, replace the national committee's leadership and open "
     "up its primaries.", "the party to ax its superdelegate system, replace the national committee's leadership "
     "and open up its primaries"),
    ("... or on the verb above an infinitive of a noun",
     "Clinton touted her proposals to invest $275 billion in infrastructure, expand Social Security benefits, and "
     "enable debt-free college.", "her proposals to invest $275 billion in infrastructure, expand Social Security "
     "benefits, and enable debt-free college"),
    ("a contrasting clause the parser hangs on the cue goes on with a clausal content ('said A, but that B')",
     "The senator said the process was fair, but that it required candidates to put forth an effort.",
     "the process was fair, but that it required candidates to put forth an effort"),
    ("a trailing 'while' clause in which another source speaks is a statement of its own",
     "Most Republicans said they are set on voting for the real estate mogul, while 22 percent said they might "
     "change their mind.", "they are set on voting for the real estate mogul"),
    ("a second verb of the source conjoined inside the content ends it ('said A and criticized B')",
     "Mr. Khan said Mr. Trump was ignorant of Islam and criticized him for saying he had sacrificed for his "
     "country.", "Mr. Trump was ignorant of Islam"),
    ("an 'as' predicate the parser makes an adverbial clause of the cue completes a noun-phrase content",
     "In his speech, Mr. Trump described the country as beset by illegal immigrants and criminals.",
     "the country as beset by illegal immigrants and criminals"),
    ("a second object the parser conjoins to the cue after a closing quotation mark goes with the content",
     "Mr. Cruz questioned Trump's \"New York values\" and his readiness to be commander in chief.",
     "Trump's \"New York values\" and his readiness to be commander in chief"),
    ("a trailing indefinite noun phrase after a comma is the writer's comment on a clausal content",
     "Mr. Cruz complained the contest had been \"rigged\" against him, a charge that Colorado Republican leaders "
     "strongly denied.", "the contest had been \"rigged\" against him"),
    ("a quoted fragment goes on with its cue's content just before it",
     "Tunnels are so numerous in the area that Border Patrol agents described the ground underneath the city as "
     "“Swiss cheese.”", "the ground underneath the city as “Swiss cheese.”"),
    ("an 'if' condition the parser hangs on the cue goes on with the content",
     "The minister pledged new funding for hospitals if the economy recovers next year.",
     "new funding for hospitals if the economy recovers next year"),
    ("... and so does an 'unless' one",
     "The governor promised a veto unless lawmakers strip the tax increase from the bill.",
     "a veto unless lawmakers strip the tax increase from the bill"),
    ("a reason the parser hangs on the cue goes on with the content",
     "The mayor rejected the idea as ludicrous because the championship game would be later that night.",
     "the idea as ludicrous because the championship game would be later that night"),
    ("... but not one with a cue of its own, a statement of its own",
     "She vetoed the bill because she said it was unconstitutional.", "the bill"),
    ("a verb of saying joined to one of a relative clause is no second cue of the source",
     "The senator said Trump is a man who speaks and tweets his mind freely.",
     "Trump is a man who speaks and tweets his mind freely"),
    ("... nor one joined to a gerund",
     "Aides said the briefing was aimed at explaining the new rules and clarifying whether lawmakers wanted changes.",
     "the briefing was aimed at explaining the new rules and clarifying whether lawmakers wanted changes"),
    ("... nor a verb of judging joined inside a relative clause",
     "She said voters want a leader who listens and praises the people who do the work.",
     "voters want a leader who listens and praises the people who do the work"),
]


# (rule, text, the exact content of one statement)
STARTS = [
    ("a quotation after a lead-in that ends in a colon starts at its mark",
     "A few minutes later, the governor went on to the cost of the plan: “We cannot pay for this without new "
     "taxes,” he said.", "We cannot pay for this without new taxes"),
    ("a subjectless clausal content starts at the cue's object, its subject",
     "Officials indicated 13 security personnel would be the minimum needed for the trip.",
     "13 security personnel would be the minimum needed for the trip"),
    ("a content never holds its own cue (a relative pronoun the parser put in the reported clause)",
     "The minimum wage in Ohio, which the state labor department says is the highest in the region, will rise "
     "again next year.", "is the highest in the region"),
    ("a second source's clause after ', and' is not the first source's content",
     "Voters said they were very worried about the direction of the economy, and more than 4 in 10 said Donald "
     "Trump would be best at handling it.", "they were very worried about the direction of the economy"),
    ("a second source's clause after 'while' is not the first source's content",
     "Some voters said the former president had made a good case for his wife, while other voters said they had "
     "not heard anything new.", "the former president had made a good case for his wife"),
    ("a quoted predicate starts at its subject written before the marks (a mixed quote)",
     "The new director, Ann Lee, ''had us at 'transparency,''' the staff wrote in a letter.",
     "The new director, Ann Lee, ''had us at 'transparency,''"),
    ("a subjectless clausal content starts at its subject the parser read as an adverbial noun phrase",
     "Mr. Hale, the co-author of a book about the rapid spread of rumors, said the days when the country had "
     "\"a somewhat shared story\" from newspapers and the big TV news networks are gone.",
     "the days when the country had \"a somewhat shared story\" from newspapers and the big TV news networks are "
     "gone"),
    ("a subjectless clausal content starts at its subject clause the parser read as an adverbial clause",
     "Judge Ruth Cole, in her dissent, said just because the bias was not obvious did not mean it was not there.",
     "just because the bias was not obvious did not mean it was not there"),
    ("a content opening its paragraph starts after the dateline",
     "Band nears new album.\n\nLOS ANGELES, Feb. 2 (UPI) — The next record of the band is almost complete, singer "
     "Anthony Kiedis revealed.", "The next record of the band is almost complete"),
]


@pytest.mark.parametrize(("rule", "text", "expected"), [pytest.param(*c, id=c[0]) for c in STARTS])
def test_content_start(nlp: Language, rule: str, text: str, expected: str) -> None:
    found = quotes(nlp, text)
    assert expected in found, (rule, found)


@pytest.mark.parametrize(("rule", "text", "expected"), [pytest.param(*c, id=c[0]) for c in ENDS])
def test_content_end(nlp: Language, rule: str, text: str, expected: str) -> None:
    found = quotes(nlp, text)
    assert expected in found, (rule, found)


def test_cue_with_nothing_after_it(nlp: Language) -> None:
    # A content cut to nothing (a bare cue before a line break) is no split clause to rejoin (it raised IndexError).
    assert quotes(nlp, "says \n") == []
