"""Statement dating: the date line, the reporting-clause rules (parsed docs), the tunables, the prefilter.

The calendar values of expressions are tested without a model in test_calendar.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, strategies as st

from bot.errors import DateError
from bot.extraction.dating import (
    DatingConfig,
    date_line_span,
    date_statements,
    find_date_line,
    match_temporal,
    parse_iso_date,
    required_words,
    resolve,
    strip_date_line,
    vocabulary,
)
from bot.extraction.dating.events import holiday_in, named_events, resolve_named
from bot.extraction.dating.regions import quoted_regions
from bot.extraction.dating.vocabulary import Vocabulary
from bot.extraction.dating.voices import same_voice
from bot.extraction.model import Statement

THU = date(2021, 9, 2)  # the seed's article date, a Thursday


# ---------------------------------------------------------------------------------------------- date line


@pytest.mark.parametrize(("text", "expected"), [
    ("date 2021-09-02\nKirby said ...", date(2021, 9, 2)),
    (" date 2021-09-02 When asked ...", date(2021, 9, 2)),
    ("Date: 2021-09-02\nKirby said ...", date(2021, 9, 2)),
    ("date 2021-09-02", date(2021, 9, 2)),
    ("Date palms grow in the desert, he said.", None),
    ("Kirby said on Thursday ...\ndate 2021-09-02", None),
    ("date 12 of the tour was cancelled, the band said.", None),
])
def test_find_date_line(text: str, expected: date | None) -> None:
    found, span = find_date_line(text)
    assert found == expected
    if expected is None:
        assert span is None
    else:
        assert span is not None and "2021-09-02" in text[span[0]:span[1]]


@pytest.mark.parametrize(("text", "message"), [
    ("date 2021-13-45\nKirby said ...", "not a valid date"),
    ("date 2021-02-30\nKirby said ...", "not a valid date"),
    ("date 02/09/2021\nKirby said ...", "YYYY-MM-DD"),
    ("date 2021.09.02\nKirby said ...", "YYYY-MM-DD"),
    ("date 20210902\nKirby said ...", "YYYY-MM-DD"),
    ("date 2021-9-2\nKirby said ...", "YYYY-MM-DD"),
])
def test_malformed_date_line_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message) as info:
        find_date_line(text)
    assert "the date line" in str(info.value)


@pytest.mark.parametrize(("text", "rest"), [
    ("date 2021-09-02\nKirby said ...", "\nKirby said ..."),
    ("Date: 2021-09-02\nKirby said ...", "\nKirby said ..."),
    ("\n  date 2021-09-02 Kirby said ...", " Kirby said ..."),
    ("date 02/09/2021\nKirby said ...", "\nKirby said ..."),  # malformed, still a date line: never raises here
    ("Date palms grow in the desert.", "Date palms grow in the desert."),
    ("date 12 of the tour was cancelled.", "date 12 of the tour was cancelled."),
    ("Kirby said ...\ndate 2021-09-02", "Kirby said ...\ndate 2021-09-02"),
])
def test_date_line_span_and_strip(text: str, rest: str) -> None:
    assert strip_date_line(text) == rest
    span = date_line_span(text)
    assert (span is None) == (rest == text)
    if span is not None:
        assert text[span[1]:] == rest and text[span[0]:span[1]].strip().lower().startswith("date")


@pytest.mark.parametrize("value", ["2021-09-02", "2020-02-29"])
def test_parse_iso_date_accepts_real_dates(value: str) -> None:
    assert parse_iso_date(value).isoformat() == value


@pytest.mark.parametrize("value", ["2021-02-29", "2021-W35-4", "20210902", "2 Sept 2021", "",
                                   "2021-09-02T10:00"])
def test_parse_iso_date_rejects_everything_else(value: str) -> None:
    with pytest.raises(DateError, match="the article date"):
        parse_iso_date(value, "the article date")


# ---------------------------------------------------------------------------------------------- parsed rules


def _statement(text: str, quote: str, cue: str, speaker: str | None = None) -> Statement:
    """Build the statement with content ``quote`` and the occurrence of ``cue`` nearest to it."""
    start = text.index(quote)
    cues = [i for i in range(len(text)) if text.startswith(cue, i) and not start <= i < start + len(quote)]
    assert cues, f"no cue {cue!r}"
    at = min(cues, key=lambda i: abs(i - start))
    kind = "direct" if text[start - 1:start] == "“" else "indirect"
    return Statement(kind, quote, start, start + len(quote), speaker, speaker, None, cue,  # type: ignore[arg-type]
                     cue_start=at, cue_end=at + len(cue))


# (text, article date, statements as (content, cue) or (content, cue, speaker), expected (date, basis, date_text))
Case = tuple[str, date | None, list[tuple[str, ...]], list[tuple[str | None, str | None, str | None]]]

CASES: dict[str, Case] = {
    # absolute dates on the reporting clause
    "on-month-day": ("On August 31, Blinken said that the evacuation was difficult.", THU,
                     [("the evacuation was difficult", "said")], [("2021-08-31", "explicit", "August 31")]),
    "abbreviated-month": ("Blinken said on Aug. 31 that the evacuation was difficult.", THU,
                          [("the evacuation was difficult", "said")],
                          [("2021-08-31", "explicit", "Aug. 31")]),
    "day-month-year": ("On 31 August 2020, Blinken said that the evacuation was difficult.", THU,
                       [("the evacuation was difficult", "said")],
                       [("2020-08-31", "explicit", "31 August 2020")]),
    "last-september-month-precision": (
        "Last September, the minister said that the plan would work.", THU,
        [("the plan would work", "said")], [("2020-09-01", "explicit", "Last September")]),
    # weekdays
    "weekday-trap-date-in-content": (
        "Blinken said on Tuesday that talks will resume on Friday.", THU,
        [("talks will resume on Friday", "said")], [("2021-08-31", "explicit", "Tuesday")]),
    "earlier-weekday": ("Earlier Thursday, the minister said that the border was closed.", THU,
                        [("the border was closed", "said")],
                        [("2021-09-02", "explicit", "Earlier Thursday")]),
    "bare-weekday-npadvmod": ("The minister said Monday that the border was closed.", THU,
                              [("the border was closed", "said")], [("2021-08-30", "explicit", "Monday")]),
    "weekday-future-tense": ("The minister will announce on Friday that the border is closed.", THU,
                             [("the border is closed", "announce")], [("2021-09-03", "explicit", "Friday")]),
    "in-a-statement-on": ("The ministry said in a statement on Monday that the talks had failed.", THU,
                          [("the talks had failed", "said")], [("2021-08-30", "explicit", "Monday")]),
    # dates inside the reported content are the content's
    "direct-quote-with-date": ("“We will leave on Friday,” the minister said.", THU,
                               [("We will leave on Friday,", "said")], [("2021-09-02", "article", None)]),
    "direct-quote-date-and-cue-date": ("“We left on August 20,” the minister said on Monday.", THU,
                                       [("We left on August 20,", "said")],
                                       [("2021-08-30", "explicit", "Monday")]),
    "indirect-content-date": ("He recalled that on August 15 the Taliban captured Kabul.", THU,
                              [("on August 15 the Taliban captured Kabul", "recalled")],
                              [("2021-09-02", "article", None)]),
    "statement-span-decides-1": ("He said Friday the talks would resume.", THU,
                                 [("the talks would resume", "said")],
                                 [("2021-08-27", "explicit", "Friday")]),
    "statement-span-decides-2": ("He said Friday the talks would resume.", THU,
                                 [("Friday the talks would resume", "said")],
                                 [("2021-09-02", "article", None)]),
    # relative expressions and the reference time in force
    "the-day-before-a-statement": (
        "On August 31, Blinken said that the evacuation was difficult.\n\n"
        "The day before, the Pentagon had confirmed the departure of the last plane.", THU,
        [("the evacuation was difficult", "said"), ("the departure of the last plane", "confirmed")],
        [("2021-08-31", "explicit", "August 31"), ("2021-08-30", "relative", "The day before")]),
    "the-day-before-an-event": (
        "On September 2, the Front reported heavy losses in the valley.\n\n"
        "The day before, the ambassador said that the resistance would go on.", date(2021, 9, 6),
        [("the resistance would go on", "said")], [("2021-09-01", "relative", "The day before")]),
    "earlier-weekday-event-then-day-before": (
        "Earlier Thursday, it was reported that the army had decided to attack.\n\n"
        "The day before, the ambassador said that the resistance would go on.", date(2021, 9, 5),
        [("the resistance would go on", "said")], [("2021-09-01", "relative", "The day before")]),
    "two-days-later": (
        "On August 20, the general said that the city was calm.\n\n"
        "Two days later, the mayor said that the city was burning.", THU,
        [("the city was calm", "said"), ("the city was burning", "said")],
        [("2021-08-20", "explicit", "August 20"), ("2021-08-22", "relative", "Two days later")]),
    "yesterday-is-deictic": (
        "On August 20, the general said that the city was calm.\n\n"
        "Yesterday, the mayor said that the city was burning.", THU,
        [("the city was calm", "said"), ("the city was burning", "said")],
        [("2021-08-20", "explicit", "August 20"), ("2021-09-01", "relative", "Yesterday")]),
    "forward-phrase-with-nothing-in-force": (
        "The following morning, Cruz said that he would not endorse anyone.", THU,
        [("he would not endorse anyone", "said")], [("2021-09-02", "article", None)]),
    "last-week": ("Last week, the mayor said that the city was burning.", THU,
                  [("the city was burning", "said")], [("2021-08-23", "relative", "Last week")]),
    "earlier-this-month": ("Earlier this month, the mayor said that the city was burning.", THU,
                           [("the city was burning", "said")],
                           [("2021-09-01", "relative", "Earlier this month")]),
    "the-day-before-the-vote-trap": ("The day before the vote, the mayor said that the city was calm.", THU,
                                     [("the city was calm", "said")], [("2021-09-02", "article", None)]),
    "relative-before-a-clause-trap": ("Two days after the council voted, the mayor said that the city was calm.",
                                      THU, [("the city was calm", "said")], [("2021-09-02", "article", None)]),
    "relative-before-a-clause-trap-2": (
        "The sanctions came just three days after the council condemned the missile test.", THU,
        [("the missile test", "condemned")], [("2021-09-02", "article", None)]),
    "show-name-trap": ("The manager told CBS This Morning on Monday that the campaign was strong.", THU,
                       [("the campaign was strong", "told")], [("2021-08-30", "explicit", "Monday")]),
    "since-monday-trap": ("The mayor has said since Monday that the city was calm.", THU,
                          [("the city was calm", "said")], [("2021-09-02", "article", None)]),
    # two dated events in one sentence: the one on the cue wins, and the last one is in force afterwards
    "two-dated-events-one-sentence": (
        "The army withdrew on Monday, and the minister said on Tuesday that the war was over.\n\n"
        "A day earlier, the general said that the city was calm.", THU,
        [("the war was over", "said"), ("the city was calm", "said")],
        [("2021-08-31", "explicit", "Tuesday"), ("2021-08-30", "relative", "A day earlier")]),
    "framing-date-over-conjoined-cue": (
        "On August 15, the Taliban entered Kabul, then declared that the war was over.", THU,
        [("the war was over", "declared")], [("2021-08-15", "explicit", "August 15")]),
    # year rollover
    "rollover": ("On December 30, the minister said that the plan would work.", date(2022, 1, 2),
                 [("the plan would work", "said")], [("2021-12-30", "explicit", "December 30")]),
    "rollover-future": ("The minister will announce on January 3 that the plan works.", date(2021, 12, 30),
                        [("the plan works", "announce")], [("2022-01-03", "explicit", "January 3")]),
    # impossible dates are ignored, never raised
    "february-30": ("On February 30, the minister said that the plan would work.", THU,
                    [("the plan would work", "said")], [("2021-09-02", "article", None)]),
    # inheritance
    "inherit-same-paragraph": (
        "On August 31, Blinken said that the evacuation was difficult. He added that it was a success.", THU,
        [("the evacuation was difficult", "said"), ("it was a success", "added")],
        [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31")]),
    "inherit-previous-paragraph-same-speaker": (
        "On August 31, Blinken said that the evacuation was difficult.\n\nHe added that it was a success.",
        THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "added", "Antony Blinken")],
        [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31")]),
    "chain-of-inheritance-same-speaker": (
        "On August 31, Blinken said that the evacuation was difficult.\n\nHe added that it was a success.\n\n"
        "He also said that the allies had helped.", THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "added", "Antony Blinken"),
         ("the allies had helped", "said", "Antony Blinken")],
        [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31"),
         ("2021-08-31", "inherited", "August 31")]),
    "new-speaker-new-paragraph-is-back-to-the-present": (
        "On August 31, Blinken said that the evacuation was difficult.\n\nKirby said that it was a success.",
        THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "said", "John Kirby")],
        [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None)]),
    "new-speaker-same-paragraph-inherits": (
        "On August 31, Blinken said that the evacuation was difficult. Kirby said that it was a success.", THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "said", "John Kirby")],
        [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31")]),
    "present-tense-cue-speaks-now": (
        "On August 31, Blinken said that the evacuation was difficult. Kirby says that it was a success.", THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "says", "John Kirby")],
        [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None)]),
    "present-perfect-cue-speaks-now": (
        "On August 31, Blinken said that the evacuation was difficult. Kirby has said that it was a success.", THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "said", "John Kirby")],
        [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None)]),
    "article-dated-statement-breaks-the-chain": (
        "On August 31, Blinken said that the evacuation was difficult.\n\nKirby said that it was a success.\n\n"
        "Blinken added that the allies had helped.", THU,
        [("the evacuation was difficult", "said", "Antony Blinken"), ("it was a success", "said", "John Kirby"),
         ("the allies had helped", "added", "Antony Blinken")],
        [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None),
         ("2021-09-02", "article", None)]),
    "no-inheritance-two-paragraphs-on": (
        "On August 31, Blinken said that the evacuation was difficult.\n\nThe weather was fine.\n\n"
        "Kirby said that it was a success.", THU,
        [("the evacuation was difficult", "said"), ("it was a success", "said")],
        [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None)]),
    "article-date-first-statement": ("Kirby said that the mission was over.", THU,
                                     [("the mission was over", "said")], [("2021-09-02", "article", None)]),
    # no article date: a full date still dates, nothing else does
    "no-article-date": ("Kirby said that the mission was over.", None,
                        [("the mission was over", "said")], [(None, None, None)]),
    "no-article-date-full-date": ("On 31 August 2021, Kirby said that the mission was over.", None,
                                  [("the mission was over", "said")],
                                  [("2021-08-31", "explicit", "31 August 2021")]),
    "no-article-date-weekday": ("Kirby said on Tuesday that the mission was over.", None,
                                [("the mission was over", "said")], [(None, None, None)]),
    # issue 13: the reporting clause and its modifiers (participles, simultaneous clauses, vehicle nouns)
    "year-in-pp-of-cue": ("The senator wrote in 2003 that the plan was sound.", THU,
                          [("the plan was sound", "wrote")], [("2003-01-01", "explicit", "2003")]),
    "year-on-vehicle-subject": ("A 2014 study found that the drug was useless.", THU,
                                [("the drug was useless", "found")], [("2014-01-01", "explicit", "2014")]),
    "year-on-vehicle-of-framing-pp": ("In her 2003 book, the senator noted that the clot was serious.", THU,
                                      [("the clot was serious", "noted")], [("2003-01-01", "explicit", "2003")]),
    "month-on-vehicle-noun": ("The middle class paid less, the agency said in a June report.", THU,
                              [("The middle class paid less", "said")], [("2021-06-01", "explicit", "June")]),
    "decade": ("In the 1990s, the governor said that crime was falling.", THU,
               [("crime was falling", "said")], [("1990-01-01", "explicit", "the 1990s")]),
    "years-ago": ("Two years ago, the governor said that crime was falling.", THU,
                  [("crime was falling", "said")], [("2019-01-01", "relative", "Two years ago")]),
    "simultaneous-clause-part-of-day": (
        "“We will not stop,” Jones said as she marched through the city early Sunday morning.", THU,
        [("We will not stop,", "said")], [("2021-08-29", "explicit", "early Sunday morning")]),
    "relative-clause-of-vehicle": (
        "Taxes should rise, according to a speech the senator delivered in July 2020.", THU,
        [("Taxes should rise", "according to")], [("2020-07-01", "explicit", "July 2020")]),
    # named occasions (data/dating_events.json)
    "sunday-show": ("In an interview on CBS's “Face the Nation,” the speaker said that the riots must end.", THU,
                    [("the riots must end", "said")], [("2021-08-29", "explicit", "Face the Nation")]),
    "numbered-debate": ("“Taxes hurt,” she said in the first debate.", date(2016, 10, 4),
                        [("Taxes hurt,", "said")], [("2016-09-26", "explicit", "the first debate")]),
    "holiday": ("The mayor said on Labor Day that the budget was balanced.", date(2021, 9, 8),
                [("the budget was balanced", "said")], [("2021-09-06", "explicit", "Labor Day")]),
    # occasions as discourse objects: a dated event, then a definite mention of it
    "after-the-debate": (
        "Tuesday's debate was heated.\n\nAfter the debate, the governor said that he had won.", THU,
        [("he had won", "said")], [("2021-08-31", "inherited", "Tuesday")]),
    "at-the-summit-synonym": (
        "Leaders held a summit on Friday.\n\nThe chancellor said after the meeting that unity was needed.", THU,
        [("unity was needed", "said")], [("2021-08-27", "inherited", "Friday")]),
    # scenes: a framing time dates the statements after it in its paragraph
    "scene-in-paragraph": (
        "On Sunday, Tompkins tossed a football in the park. The park was empty, he said.", THU,
        [("The park was empty", "said")], [("2021-08-29", "inherited", "Sunday")]),
    "measure-is-not-a-scene": (
        "Growth held steady this year. The economist said that the outlook was poor.", THU,
        [("the outlook was poor", "said")], [("2021-09-02", "article", None)]),
    # voices: one speaker under its short names keeps its occasion across paragraphs
    "voice-across-paragraphs": (
        "The International Monetary Fund said Tuesday that growth was slowing.\n\nPrices were stable.\n\n"
        "The fund warned that trade was at risk.", THU,
        [("growth was slowing", "said", "International Monetary Fund"), ("trade was at risk", "warned", "the fund")],
        [("2021-08-31", "explicit", "Tuesday"), ("2021-08-31", "inherited", "Tuesday")]),
    "official-without-a-role-is-another-voice": (
        "The IMF said Tuesday that growth was slowing.\n\nPrices were stable.\n\n"
        "Obstfeld said that the world economy had moved sideways.", THU,
        [("growth was slowing", "said", "IMF"), ("the world economy had moved sideways", "said", "Maury Obstfeld")],
        [("2021-08-31", "explicit", "Tuesday"), ("2021-09-02", "article", None)]),
    "coarse-date-does-not-pass-to-another-voice": (
        "A 2014 study found that the drug was useless. The newspaper found that it was popular.", THU,
        [("the drug was useless", "found", "study"), ("it was popular", "found", "newspaper")],
        [("2014-01-01", "explicit", "2014"), ("2021-09-02", "article", None)]),
    # the lede summarises what the body dates: the voice's next statement, dated by its own words
    "lede-dated-by-the-body": (
        "The governor blamed the delays on the mayor.\n\nOn Tuesday, the governor said that the city had failed.",
        THU, [("the delays on the mayor", "blamed", "governor"), ("the city had failed", "said", "governor")],
        [("2021-08-31", "inherited", "Tuesday"), ("2021-08-31", "explicit", "Tuesday")]),
    "lede-not-dated-by-another-voice": (
        "The governor blamed the delays on the mayor.\n\nOn Tuesday, the mayor said that the city had failed.",
        THU, [("the delays on the mayor", "blamed", "governor"), ("the city had failed", "said", "mayor")],
        [("2021-09-02", "article", None), ("2021-08-31", "explicit", "Tuesday")]),
    "lede-standing-position-keeps-the-article-date": (
        "The governor has long argued that the mayor failed.\n\nOn Tuesday, the governor said that the city "
        "had failed.", THU,
        [("the mayor failed", "argued", "governor"), ("the city had failed", "said", "governor")],
        [("2021-09-02", "article", None), ("2021-08-31", "explicit", "Tuesday")]),
    # a summary, then its words: the next statement of the voice, a plain "said" dated by its own words
    "summary-dated-by-the-words-that-follow": (
        "Prices rose.\n\nPrices fell.\n\nPrices rose again.\n\nThe senator revised her plan, promising to cut "
        "taxes for workers.\n\n\u201cThe relief will go to the middle class,\u201d she said last month.", THU,
        [("to cut taxes for workers", "promising", "senator"), ("The relief will go to the middle class", "said",
                                                                "senator")],
        [("2021-08-01", "inherited", "last month"), ("2021-08-01", "relative", "last month")]),
    "summary-not-dated-by-another-act": (
        "Prices rose.\n\nPrices fell.\n\nPrices rose again.\n\nThe senator revised her plan, promising to cut "
        "taxes for workers.\n\nShe told voters last month that the plan would pass.", THU,
        [("to cut taxes for workers", "promising", "senator"), ("the plan would pass", "told", "senator")],
        [("2021-09-02", "article", None), ("2021-08-01", "relative", "last month")]),
    # a scene framing the speaker ("In his statement Saturday, Sanders ...") dates the speaker's next words,
    # even when the speaker was last heard on the article date; a scene of another subject does not
    "scene-framing-the-speaker": (
        "Sanders said that the water was bad.\n\nIn his statement Saturday, Sanders went further.\n\n"
        "\u201cThere are no excuses,\u201d he said.", THU,
        [("the water was bad", "said", "Bernie Sanders"), ("There are no excuses", "said", "Bernie Sanders")],
        [("2021-09-02", "article", None), ("2021-08-28", "inherited", "Saturday")]),
    "scene-framing-another-subject": (
        "Sanders said that the water was bad.\n\nIn his statement Saturday, the governor resisted.\n\n"
        "\u201cThere are no excuses,\u201d Sanders said.", THU,
        [("the water was bad", "said", "Bernie Sanders"), ("There are no excuses", "said", "Bernie Sanders")],
        [("2021-09-02", "article", None), ("2021-09-02", "article", None)]),
    "standing-position-keeps-the-article-date": (
        "On Monday, the senator said that taxes were too high. She has long argued that spending must fall.", THU,
        [("taxes were too high", "said"), ("spending must fall", "argued")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None)]),
    "said-in-an-interview-is-a-new-occasion": (
        "On Monday, the senator said that taxes were too high. She said in an interview that spending must fall.",
        THU, [("taxes were too high", "said"), ("spending must fall", "said")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None)]),
    "scene-carries-into-the-next-paragraph": (
        "On Sunday afternoon, the streets were quiet.\n\nProtesters said that they wanted answers.", THU,
        [("they wanted answers", "said", "Protesters")], [("2021-08-29", "inherited", "Sunday afternoon")]),
    "scene-not-for-a-voice-on-the-present-occasion": (
        "Obama said in an interview that the climate was changing.\n\n"
        "On Nov. 11, 2014, Obama and Xi sealed their agreement.\n\nObama said that it was a turning point.", THU,
        [("the climate was changing", "said", "Barack Obama"), ("it was a turning point", "said", "Barack Obama")],
        [("2021-09-02", "article", None), ("2021-09-02", "article", None)]),
    "occasion-in-a-main-clause-is-a-scene": (
        "The senator stretched the truth during Saturday's debate.\n\nShe said that the plan would fail.", THU,
        [("the plan would fail", "said", "the senator")], [("2021-08-28", "inherited", "Saturday")]),
    "subject-of-an-after-clause": (
        "Leaders held a summit on Friday.\n\nThe prime minister said after the summit ended that unity was needed.",
        THU, [("unity was needed", "said")], [("2021-08-27", "inherited", "Friday")]),
    "relative-to-an-occasion": (
        "Monday's debate was heated.\n\nIn a column the day before the debate, two writers argued that she "
        "should attack.", THU, [("she should attack", "argued")], [("2021-08-29", "relative", "the day before")]),
    "conjoined-participle-shares-the-present-perfect": (
        "The IMF said on Tuesday that growth was slowing.\n\n"
        "The governor has criticized the fund and called for a review.\n\nThe IMF warned that trade was at risk.",
        THU, [("growth was slowing", "said", "IMF"), ("for a review", "called", "governor"),
              ("trade was at risk", "warned", "IMF")],
        [("2021-08-31", "explicit", "Tuesday"), ("2021-09-02", "article", None),
         ("2021-08-31", "inherited", "Tuesday")]),
    "habitual-cue-inherits-no-day": (
        "On Monday, the senator said that taxes were too high. She frequently argued that spending must fall.",
        THU, [("taxes were too high", "said"), ("spending must fall", "argued")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None)]),
    "habitual-cue-leaves-the-thread-alone": (
        "On Monday, the senator said that taxes were too high. She often argued that spending must fall. "
        "She added that the deficit was growing.", THU,
        [("taxes were too high", "said"), ("spending must fall", "argued"), ("the deficit was growing", "added")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None),
         ("2021-08-30", "inherited", "Monday")]),
    "present-progressive-cue-speaks-now": (
        "On Monday, the senator said that taxes were too high. Officials are expecting that turnout will rise.",
        THU, [("taxes were too high", "said"), ("turnout will rise", "expecting")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None)]),
    "a-scene-is-never-after-the-article-date": (
        "The two states hold primaries on September 14.\n\nThe governor said that he would win.", THU,
        [("he would win", "said")], [("2021-09-02", "article", None)]),
    # (beyond the reach of the lede's scene: three paragraphs on)
    "a-medium-is-not-the-story-occasion": (
        "Leaders gathered on Friday to discuss the budget.\n\nIt was cold.\n\nIt rained.\n\nIt was late.\n\n"
        "The minister said on the show that cuts were coming.",
        THU, [("cuts were coming", "said")], [("2021-09-02", "article", None)]),
    "the-story-occasion-from-the-lede": (
        "Leaders gathered on Friday to discuss the budget.\n\nIt was cold.\n\nIt rained.\n\nIt was late.\n\n"
        "The minister said after the meeting that cuts were coming.",
        THU, [("cuts were coming", "said")], [("2021-08-27", "inherited", "Friday")]),
    "a-new-occasion-continues-its-own-voice": (
        "The senator warned on Wednesday that trade was at risk.\n\nIn an opinion piece, she wrote that jobs "
        "would go.", THU,
        [("trade was at risk", "warned", "the senator"), ("jobs would go", "wrote", "the senator")],
        [("2021-09-01", "explicit", "Wednesday"), ("2021-09-01", "inherited", "Wednesday")]),
    "participle-of-a-habitual-cue": (
        "On Monday, the senator said that taxes were too high. She frequently mocked the plan, claiming that "
        "it would fail.", THU, [("taxes were too high", "said"), ("it would fail", "claiming")],
        [("2021-08-30", "explicit", "Monday"), ("2021-09-02", "article", None)]),
    "perfect-participle-is-before-the-saying": (
        "Having lost a primary in 2008, the senator said that she would run again.", THU,
        [("she would run again", "said")], [("2021-09-02", "article", None)]),
    # names are not dates
    "sunday-times-trap": ("The Sunday Times reported that the deal was done.", THU,
                          [("the deal was done", "reported")], [("2021-09-02", "article", None)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_dating_rules(nlp, name: str) -> None:  # type: ignore[no-untyped-def]
    text, article, specs, expected = CASES[name]
    statements = [_statement(text, *spec) for spec in specs]
    dated = date_statements(nlp(text), statements, article)
    assert [(s.date, s.date_basis, s.date_text) for s in dated] == expected
    for before, after in zip(statements, dated, strict=True):
        assert (after.quote, after.start, after.end, after.cue_start) == (
            before.quote, before.start, before.end, before.cue_start)


def test_no_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    assert date_statements(nlp("On August 31, nothing was said."), [], THU) == []


def test_statement_without_cue_inherits(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On August 31, Blinken said that the evacuation was difficult. “It was a success.”"
    first = _statement(text, "the evacuation was difficult", "said")
    start = text.index("It was")
    second = Statement("direct", "It was a success.", start, start + 17, None, None, None, None)
    dated = date_statements(nlp(text), [first, second], THU)
    assert [(s.date, s.date_basis) for s in dated] == [("2021-08-31", "explicit"),
                                                       ("2021-08-31", "inherited")]


def test_a_framing_date_stays_in_its_paragraph_even_if_the_parser_joins_them(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('In August, the groups granted an extension, saying his "capital was less than expected."\n\n'
            "Should the company fail, environmentalists worry that the cost could fall to taxpayers.")
    first = _statement(text, "capital was less than expected.", "saying")
    second = _statement(text, "the cost could fall to taxpayers", "worry")
    dated = date_statements(nlp(text), [first, second], THU)
    assert [(s.date, s.date_basis) for s in dated] == [("2021-08-01", "explicit"), ("2021-09-02", "article")]


# ---------------------------------------------------------------------------------------------- tunables

# (case, config, expected (date, basis, date_text) per statement): each tunable changes what it says it does.
TUNED: list[tuple[str, DatingConfig, list[tuple[str | None, str | None, str | None]]]] = [
    # the same speaker keeps the occasion by two rules: the previous paragraph, and its voice over paragraphs
    ("inherit-previous-paragraph-same-speaker", DatingConfig(inherit_paragraphs_same_speaker=0, voice_paragraphs=0),
     [("2021-08-31", "explicit", "August 31"), ("2021-09-02", "article", None)]),
    ("new-speaker-new-paragraph-is-back-to-the-present", DatingConfig(inherit_paragraphs=1),
     [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31")]),
    ("no-inheritance-two-paragraphs-on", DatingConfig(inherit_paragraphs=2),
     [("2021-08-31", "explicit", "August 31"), ("2021-08-31", "inherited", "August 31")]),
    # "Monday" -> on -> statement (a vehicle noun of the reporting clause): two arcs
    ("in-a-statement-on", DatingConfig(max_attachment_hops=1), [("2021-09-02", "article", None)]),
    ("rollover", DatingConfig(year_window=0), [("2022-12-30", "explicit", "December 30")]),
]


@pytest.mark.parametrize(("name", "config", "expected"), TUNED,
                         ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(TUNED)])
def test_dating_config(nlp, name: str, config: DatingConfig,  # type: ignore[no-untyped-def]
                       expected: list[tuple[str | None, str | None, str | None]]) -> None:
    text, article, specs, default = CASES[name]
    assert default != expected, "the tuned value must change the outcome"
    statements = [_statement(text, *spec) for spec in specs]
    dated = date_statements(nlp(text), statements, article, config=config)
    assert [(s.date, s.date_basis, s.date_text) for s in dated] == expected


# ------------------------------------------------------------------------------ relative-phrase prefilter

_WORDS = ["the", "The", "day", "days", "DAY", "before", "after", "yesterday", "last", "night", "this", "This",
          "morning", "week", "weeks", "ago", "two", "3", "next", "month", "same", "that", "on", "prior",
          "earlier", "later", "Monday", "said", "tonight", "today", "tomorrow", "following"]


@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([" ", ", ", "\n", " - "]))
def test_the_keyword_prefilter_finds_what_scanning_every_phrase_finds(words: list[str], sep: str) -> None:
    """The relative phrases a text cannot contain are skipped: the result is exactly that of a full scan."""
    text = sep.join(words)
    vocab = vocabulary()
    unfiltered = replace(vocab, relative=tuple(replace(rule, keywords=()) for rule in vocab.relative))

    def found(v: Vocabulary) -> list[tuple[int, int, str, tuple[tuple[str, str], ...], str | None]]:
        return [(t.start, t.end, t.rule, t.parts, t.relative.pattern.pattern if t.relative else None)
                for t in match_temporal(text, v)]

    assert found(unfiltered) == found(vocab)


def test_required_words_of_a_phrase() -> None:
    assert required_words("{n} days? ago") == ("day", "ago")
    assert required_words("(?:earlier |later )?that (?:same )?(?:day|morning)") == ("that",)
    assert required_words("the (?:day|night|evening) (?:before|earlier|prior)") == ("the",)


# ---------------------------------------------------------------------------------------------- voices and events


def _spoken(speaker: str | None, role: str | None = None) -> Statement:
    return Statement("indirect", "x", 0, 1, speaker, speaker, role, "said")


@pytest.mark.parametrize(("a", "b", "same"), [
    (_spoken("International Monetary Fund"), _spoken("IMF"), True),  # acronym
    (_spoken("International Monetary Fund"), _spoken("the fund"), True),  # a description by its head
    (_spoken("IMF"), _spoken("the IMF report"), True),  # the voice's vehicle
    (_spoken("IMF"), _spoken("Maury Obstfeld", "IMF chief economist"), True),  # an official of it
    (_spoken("Obstfeld"), _spoken("Maury Obstfeld"), True),  # a surname
    (_spoken("Hillary Clinton"), _spoken("Bill Clinton"), False),  # two people of one family
    (_spoken("Angela Merkel"), _spoken("Matteo Renzi"), False),
    (_spoken(None), _spoken(None), False),
], ids=["acronym", "description", "vehicle", "official", "surname", "two-people", "different", "unattributed"])
def test_same_voice(a: Statement, b: Statement, same: bool) -> None:
    assert same_voice(a, b) is same and same_voice(b, a) is same


@pytest.mark.parametrize(("name", "year", "expected"), [
    ("Labor Day", 2016, date(2016, 9, 5)),  # the first Monday of September
    ("Memorial Day", 2021, date(2021, 5, 31)),  # the last Monday of May
    ("Thanksgiving", 2020, date(2020, 11, 26)),  # the fourth Thursday of November
    ("Election Day", 2016, date(2016, 11, 8)),  # the Tuesday after the first Monday
    ("Election Day", 2022, date(2022, 11, 8)),  # November 1 is a Tuesday: not Election Day
    ("Christmas", 2021, date(2021, 12, 25)),
])
def test_holidays(name: str, year: int, expected: date) -> None:
    event = next(e for e in named_events() if e.kind == "holiday" and e.pattern.fullmatch(name))
    assert holiday_in(event, year) == expected


def test_numbered_debate_only_in_its_year_and_not_before_it() -> None:
    event = next(e for e in named_events() if e.pattern.fullmatch("the first debate"))
    assert resolve_named(event, date(2016, 10, 4), "past", 1) is not None
    assert resolve_named(event, date(2016, 9, 1), "past", 1) is None  # not yet held
    assert resolve_named(event, date(2019, 10, 4), "past", 1) is None  # not in the table


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("25 years ago", date(1996, 1, 1), "year"),  # was not temporal before years had a precision
    ("in 2012", date(2012, 1, 1), "year"),
    ("the 1990s", date(1990, 1, 1), "decade"),
    ("the '90s", date(1990, 1, 1), "decade"),
    ("last year", date(2020, 1, 1), "year"),
])
def test_years_and_decades(text: str, value: date, precision: str) -> None:
    found = match_temporal(text)
    assert found, text
    resolved = resolve(found[-1], article=THU, reference=None)
    assert resolved is not None and (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize("text", ["$2012", "2,012 people", "2012-13 season", "10:2012", "3.2012"])
def test_numbers_are_not_years(text: str) -> None:
    assert [m for m in match_temporal(text) if m.rule == "year"] == []



@pytest.mark.parametrize(("text", "regions"), [
    ('He said "yes." She said "no."', [(8, 14), (24, 29)]),
    ('He said "yes.\n\nOn Monday, "she" left.', [(8, 13), (26, 31)]),  # an open quotation ends with its line
    ("“It was late,” he said.", [(0, 14)]),
])
def test_quoted_regions_stay_in_their_line(text: str, regions: list[tuple[int, int]]) -> None:
    assert sorted(quoted_regions(text)) == regions
