"""Speaker resolution on small model-parsed articles: one row per construction, the speaker a reader writes down."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from spacy.tokens import Span

from bot.extraction.pipeline import extract
from bot.extraction.speakers import (
    Entity,
    SpeakerResolver,
    SpeakersConfig,
    np_span,
    plain_speaker,
    resolve_mention,
    source_of_cue,
)
from bot.extraction.speakers.documents import org_description
from bot.extraction.speakers.entities import first_name_gender
from bot.extraction.speakers.plural import joined_name
from bot.extraction.speakers.pronouns import quoted_mask

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.extraction.model import Statement


def speaker_of(nlp: Language, text: str, fragment: str) -> Statement:
    """Return the statement of ``text`` whose quote contains ``fragment``."""
    statements = extract(text, nlp=nlp).statements
    hits = [s for s in statements if fragment in s.quote]
    assert hits, f"no statement contains {fragment!r}: {[s.quote for s in statements]}"
    return hits[0]


# (construction, text, fragment of the quote, expected speaker)
CASES = [
    ("pronoun across a paragraph",
     "Senator Mary Collins spoke to reporters on Monday about the budget.\n\n"
     "She said the cuts would hurt rural hospitals.",
     "the cuts would hurt", "Mary Collins"),
    ("pronoun after a quote paragraph",
     "“We will not back down,” said Maria Gonzalez, the union's president.\n\n"
     "She added that the strike would continue into next week.",
     "the strike would continue", "Maria Gonzalez"),
    ("description before its name",
     "The governor said the state would appeal the ruling. Governor Tom Reed made the remarks in Albany.",
     "the state would appeal", "Tom Reed"),
    ("role after the name",
     "The talks were led by Muhammad Zohir Agbar, the ambassador to Tajikistan. "
     "The diplomat said the resistance would fight on.",
     "the resistance would fight on", "Muhammad Zohir Agbar"),
    ("role in a pre-name title",
     "Pentagon spokesman John Kirby briefed reporters on Tuesday. "
     "The spokesman said the mission was over.",
     "the mission was over", "John Kirby"),
    ("two people of the same gender",
     "John Smith met Peter Jones in Ottawa on Friday. Smith said the deal was close.",
     "the deal was close", "John Smith"),
    ("a place that modifies a name",
     "Ohio Senator Rob Portman said the bill would pass.",
     "the bill would pass", "Rob Portman"),
    ("the named head of a mention, not its modifier",
     "Clinton spokesman Nick Merrill said the campaign had called her.",
     "the campaign had called", "Nick Merrill"),
    ("an organisation's short form (acronym)",
     "The International Monetary Fund cut its forecast on Tuesday. The IMF said growth would slow.",
     "growth would slow", "International Monetary Fund"),
    ("an organisation built on a name",
     "The Clinton campaign said the ad would air on cable.",
     "the ad would air", "Clinton campaign"),
    ("a document's issuer",
     "The Congressional Budget Office released a report on Monday. The report said the deficit would grow.",
     "the deficit would grow", "Congressional Budget Office"),
    ("a document named again by another noun of its family",
     "A web video by the Republican National Committee went online on Monday.\n\n"
     "The ad says Kaine defended the wrong people.",
     "Kaine defended the wrong people", "Republican National Committee"),
    ("a document's issuer the article describes without a name",
     "In late September, a group of black parents sent a letter to the school board.\n\n"
     "“We see charter schools offering hope,” the letter reads.",
     "We see charter schools", "a group of black parents"),
    ("a document a relative pronoun stands for, issued by the subject",
     "Gary Johnson released a letter from his doctor on Friday that says he is in excellent health.",
     "he is in excellent health", "Gary Johnson"),
    ("a ruling issued by a court described by its short form",
     "The U.S. Court of Appeals for the Sixth Circuit heard the case in June.\n\n"
     "The appeals court ruled that the purge was illegal.\n\n"
     "“A state cannot purge voters for not voting,” the ruling said.",
     "A state cannot purge voters", "Court of Appeals"),
    ("a plural source",
     "Senators Chuck Grassley and Patrick Leahy wrote to the agency. They said the program was open to fraud.",
     "the program was open to fraud", "Patrick Leahy"),
    ("an audience after told",
     "Mayor Bill de Blasio told CNN that the city was safe.",
     "the city was safe", "Bill de Blasio"),
    ("a dateline is not the source",
     "Museum opens.\n\nWASHINGTON -- President Barack Obama, opening the museum on Saturday, said it would tell "
     "an American story.",
     "it would tell an American story", "Barack Obama"),
    ("a description resolved through the article's main person",
     "Donald Trump spoke in Ohio. Trump said jobs were leaving. Trump promised tariffs. Critics laughed.\n\n"
     "The New York businessman said the plan would work.",
     "the plan would work", "Donald Trump"),
    ("a relative pronoun takes its antecedent",
     "There are some economists who argue that corporate taxes should be low.",
     "corporate taxes should be low", "some economists"),
    ("a relative pronoun after an appositive takes the names it describes",
     "Much of the impetus for the deal came from China and the United States, the world's two biggest polluters, "
     "which together vowed to stave off the worst effects of climate change.",
     "stave off the worst effects", "China and United States"),
    ("a name in apposition whose parse heads it with the party-district after it",
     "Mayor runs again.\n\n\"We will win this state,\" the mayor's sister, state Del. Anna \"Annie\" Reed "
     "(D-Albany), told the crowd.",
     "We will win this state", "Anna"),
    ("a reporting verb the parser read as a noun after a name ('Trump demands accountability') is not the name",
     "Letters.\n\nDonald Trump spoke in Ohio on Monday.\n\nIt is simply astounding that Trump demands "
     "accountability and transparency from our president, yet refuses to release his tax records or explain "
     "how his wife became a citizen.",
     "his tax records", "Donald Trump"),
    ("a plural noun of a saying verb inside a description without a name keeps the description ('the rules "
     "committee report' is not 'the')",
     "Delegates met in July.\n\nThat forecast appeared accurate when the rules committee report was finalized "
     "and denied the change being sought.",
     "the change being sought", "rules committee report"),
    ("'who' after a role for an organisation stands for the person, not the organisation",
     "Peter Morgan, a lawyer for the Sierra Club, who has fought the coal industry for years, spoke on Friday. "
     "Morgan has long argued that the mines are dangerous, and the group backs him.\n\n"
     "Jane Doe, a spokeswoman for the Chicago Police Department, who said the officers acted properly, "
     "took no questions.",
     "the officers acted properly", "Jane Doe"),
    ("a medium after 'on' is not the source",
     "Michael Flynn appeared on Fox News on Thursday. He said on Fox News that the generals were frustrated.",
     "the generals were frustrated", "Michael Flynn"),
    ("a word of the quotation is not its source",
     "Mr. Trump hardly clarified the matter, treating Mrs. Clinton's remark first as a compliment -- "
     "''That makes me smart'' -- and, when questioned after the debate, asserting, ''Of course, I pay federal "
     "taxes.''",
     "I pay federal taxes", "Trump"),
    ("an inverted cue whose parsed subject is a word of the quotation",
     "Experts worry about the regime.\n\n\"If it doesn't have the capability to threaten its neighbors yet, it "
     "will at some point, probably sooner rather than later,\" said James Acton, a physicist at the Carnegie "
     "Endowment.",
     "threaten its neighbors", "James Acton"),
    ("the 'it' of 'made it clear' is no source",
     "In an interview with Trending Today USA, Ham made it clear he had major misgivings about the armed forces.",
     "misgivings", "Ham"),
    ("a generic source keeps its words",
     "Critics said the plan would raise costs.",
     "the plan would raise costs", "Critics"),
    ("a paragraph-opening description named in the next paragraph",
     "Updates on the campaign.\n\nA state tax official says no one leaked the returns.\n\n"
     "Kevin Sullivan says he ordered a review on Monday.",
     "no one leaked the returns", "Kevin Sullivan"),
    ("a headline description named in the lede",
     "Retired general says the army is demoralised.\n\n"
     "Retired Air Force Gen. Norman Ham is speaking out before the election.",
     "the army is demoralised", "Norman Ham"),
    ("a description of a woman resolved through the article's main woman",
     "Donald Trump attacked Hillary Clinton in Ohio. Trump said she lied. Trump repeated it. Clinton laughed. "
     "Trump left. Clinton stayed. Clinton spoke.\n\nThe former first lady said the attacks were desperate.",
     "the attacks were desperate", "Hillary Clinton"),
    ("a role of a barely named person is the headline's subject",
     "Axelrod calls on Dean to apologize.\n\nDavid Axelrod on Wednesday called on Howard Dean to apologize "
     "to Donald Trump. Dean had said Trump used drugs.\n\n"
     "Obama's former campaign strategist said the remark was outrageous.",
     "the remark was outrageous", "David Axelrod"),
    ("'they' skips a plural subject that cannot speak",
     "David Autor and David Dorn studied the effects of trade. Wages fell in exposed towns.\n\n"
     "They said the adjustment never happened.",
     "the adjustment never happened", "David Autor and David Dorn"),
    ("a party description goes to the person of that party",
     "Republican presidential candidate Ted Cruz spoke in Iowa. "
     "Democratic presidential candidate Hillary Clinton spoke in Ohio.\n\n"
     "During a stop in Iowa, the Republican presidential candidate said he would repeal the orders.",
     "he would repeal the orders", "Ted Cruz"),
    ("a description without the rank is not the vice nominee",
     "Democratic vice presidential nominee Tim Kaine spoke in Ohio.\n\n"
     "Giving a speech in Toledo, Hillary Clinton praised LeBron James. "
     "The Democratic presidential nominee says they both share the belief that every child matters.",
     "every child matters", "Hillary Clinton"),
    ("a description with a rank is not the nominee without it",
     "Republican presidential nominee Donald Trump toured Ohio on Friday.\n\n"
     "Mike Pence says too much is made of Trump's tweets.\n\n"
     "The Republican vice presidential nominee was speaking in Fort Wayne, hours after Trump unleashed a flurry "
     "of tweets.\n\nThe Indiana governor said Democrats and the media are to blame.",
     "Democrats and the media are to blame", "Mike Pence"),
    ("a kin term goes to the family member the article names",
     "Hillary Clinton spoke in Iowa on Monday. Bill Clinton stayed in New York.\n\n"
     "Her husband said the campaign was strong.",
     "the campaign was strong", "Bill Clinton"),
    ("a kin term goes to the person introduced with it",
     "Richard Osman was on the flight, according to his brother Alastair Osman.\n\n"
     "Alastair Osman called him a kind man. He and his wife had just welcomed a baby girl, his brother added.",
     "had just welcomed a baby girl", "Alastair Osman"),
    ("the 'I' of an op-ed is the author its closing biography names",
     "I grew up in a survivalist household.\n\nI should say that my parents were educated people.\n\n"
     "Charlotte Meehan is a playwright at Wheaton College.",
     "my parents were educated people", "Charlotte Meehan"),
    ("the 'I' of an op-ed is the author its byline names",
     "By Joel B. Pollak\n\nI have argued for years that a protest vote is a wasted vote.",
     "a protest vote is a wasted vote", "Joel B. Pollak"),
    ("a kin term of the op-ed's author goes to the author's family",
     "James Meehan built bunkers in the woods.\n\nMy father often said that we live in Satan's kingdom.\n\n"
     "Charlotte Meehan is a playwright at Wheaton College.",
     "we live in Satan's kingdom", "James Meehan"),
    ("a surname that is also a title",
     "Tom Clarke bought the mines in 2015. A Democrat, Mr. Justice is running for governor.\n\n"
     "Through a spokesman, he declined to comment on the plan.",
     "to comment on the plan", "Justice"),
    ("a pronoun in a clause on a phrase its possessor owns",
     "Vladimir Putin met the channel's executives on Monday.\n\n"
     "Democrats seized upon Mr. Trump's RT appearance, in which he said he was skeptical of the intelligence.",
     "he was skeptical of the intelligence", "Trump"),
    ("'they' after a group named by its owner",
     "The GOP set its goals in 2010.\n\nMcConnell aides acknowledged a good relationship with the White House. "
     "But they emphasized that the sanctions got results.",
     "the sanctions got results", "McConnell aides"),
    ("a surname spelt one letter off",
     "Tyresha McClenney, a student organiser, met the campaign in Miami.\n\n"
     "McLenney said the campaign had ignored young voters.",
     "the campaign had ignored young voters", "Tyresha McClenney"),
    ("a person introduced after the last speaker takes the next pronoun",
     "“Turnout will be low,” said Bryan Anderson, a county organiser.\n\n"
     "The silence worries Henry Crespo, president of the local caucus.\n\n"
     "“No one is writing songs for her,” he said.",
     "No one is writing songs", "Henry Crespo"),
    ("a person introduced with a relative clause just before takes the next pronoun",
     "“Rates will rise,” said Lily Batchelder, a law professor.\n\n"
     "The plan drew fire from Hillary Clinton, who has called for higher taxes on the rich.\n\n"
     "“It is trickle-down economics all over again,” she said.",
     "trickle-down economics", "Hillary Clinton"),
    ("a bare 'the company' is the organisation named just before",
     "Loblaw Companies Ltd. reported higher profits on Tuesday. The company said food inflation was easing.",
     "food inflation was easing", "Loblaw"),
    ("a bare 'the agency' is the organisation named just before, whatever its name",
     "Statistics Canada released new figures on Friday. The agency said 50,000 jobs were lost.",
     "jobs were lost", "Statistics Canada"),
    ("a role predicated of a name ('X is the Y') resolves the description",
     "Donald Trump is the Republican nominee. Hillary Clinton spoke in Ohio.\n\n"
     "The Republican nominee said the election was rigged.",
     "the election was rigged", "Donald Trump"),
    ("a role predicated in a relative clause ('X, who is the Y') resolves the description",
     "Mike Smith, who is the mayor of Calgary, opened the bridge. Jane Doe attended.\n\n"
     "The mayor said the bridge cost $10 million.",
     "the bridge cost", "Mike Smith"),
    ("an organisation the NER missed, headed by an organisation word, is the antecedent of 'it'",
     "Many leaders share these fears, but the Central and East European Coalition, which represents more than "
     "20 million Americans, wants to preserve its policy. Recently, however, it said the bases were needed.",
     "the bases were needed", "Central and East European Coalition"),
    ("'they' after an unnamed plural source is that source",
     "The FBI director chastised the senator.\n\nThe mayor repeatedly insulted staff, according to city insiders. "
     "They said he shouted at clerks every week.",
     "he shouted at clerks", "city insiders"),
    ("a partitive relative ('many of whom say') takes the noun phrase it counts from",
     "This has not gone over well with family members of 9/11 victims, many of whom say the president's claims "
     "are unfounded.",
     "claims are unfounded", "family members of 9/11 victims"),
    ("a company noun ('the airline') is the organisation named just before",
     "Air Canada cancelled 200 flights on Monday. The airline said the strike was to blame.",
     "the strike was to blame", "Air Canada"),
    ("a bare group noun ('the campaign') is the organisation last named with it",
     "Bernie Sanders spoke in Iowa. The Sanders campaign filed its report on Saturday.\n\n"
     "The campaign said the average donation was $27.",
     "the average donation", "Sanders campaign"),
    ("a description by a role noun of character ('the magnate') is the salient subject",
     "Donald Trump drew the analogy during a speech in Reno on Sunday.\n\n"
     "The billionaire real estate magnate says the league has gone soft.",
     "the league has gone soft", "Donald Trump"),
    ("a person put on stage in the pronoun's own sentence after the last speaker takes the pronoun",
     "Mark Oz hosts a daily show. Oz said his fans trust him.\n\n"
     "\"He has a huge pulpit,\" said David Gorski, a surgeon.\n\n"
     "Oz's advice earned him a Senate hearing, where he said that coffee extract was a magic cure.",
     "coffee extract was a magic cure", "Oz"),
    ("a subject of unknown gender in the pronoun's own sentence takes it from the previous speaker",
     "“He was out of touch,” said Barack Obama in 2012.\n\n"
     "Zorbin Romney was never able to shake that image, which was cemented when he said that 47 percent of the "
     "country was dependent on the government.",
     "47 percent of the country", "Romney"),
    ("a speaking 'it' is an organisation a paragraph back before a place that only modifies a noun",
     "PolitiFact is operated by the Tampa Bay Times, a Florida news organization.\n\n"
     "During the primaries, the Times gave Clinton a glowing endorsement. She knows health care. She knows trade. "
     "The former U.S. senator is a planner. She is also a negotiator.\n\n"
     "Meanwhile, it attacked Trump, saying he has offended Hispanics and women.",
     "has offended Hispanics", "Tampa Bay Times"),
    ("an age description ('the 34-year-old mother of three') is the last speaker",
     "The plan was explained by Ivanka Trump, the nominee's eldest daughter, in an interview last week. "
     "She said fathers would not be eligible. "
     "When pressed on why the plan leaves out dads, the 34-year-old mother of three replied that it was meant to "
     "benefit mothers.",
     "meant to benefit mothers", "Ivanka Trump"),
    ("a speaking 'it' is the unnamed organisation that spoke just before, not a place",
     "The clean electricity rules were debated in Alberta on Thursday.\n\n"
     "The premier's office later released a statement saying Alberta would go to court. It said the province had "
     "exhausted every option.", "exhausted every option", "The premier's office"),
    ("the possessive of a role the article gives a person names that person ('the premier's office')",
     "Premier Danielle Smith clashed with Ottawa on Thursday.\n\n"
     "The premier's office later said Alberta would go to court.", "Alberta would go to court",
     "Danielle Smith's office"),
    ("a full name the NER tagged as an organisation is the person a later surname names",
     "The Scottish first minister, Nicola Sturgeon, urged people to stay at home.\n\n"
     "Ms Sturgeon said restrictions would stay until February.", "restrictions would stay", "Nicola Sturgeon"),
    ("with no person to take it, 'he' is the speaker just before whose name the NER read as an organisation's",
     "NEW DELHI (AP) — The minister spoke on Tuesday.\n\n"
     "\"We cannot afford to let our guard down,\" Mansukh Mandaviya wrote on Twitter. He posted a video of a "
     "vaccination camp in Gujarat.", "a video of a vaccination camp", "Mansukh Mandaviya"),
    ("a name the NER missed, subject of a saying verb, is a person a later pronoun finds",
     "Okafor explained the plan on Monday.\n\n“It will work,” he said.", "It will work", "Okafor"),
    ("an age alone the NER tags as a date, after the quote ('said the 46-year-old'), is still a person",
     "Jane Smith spoke to reporters on Monday.\n\n“We will rebuild the bridge,” said the 46-year-old. "
     "“It will take two years.”",
     "It will take two years", "Jane Smith"),
    ("a document named again by another noun of its family ('a feature' ... 'the piece')",
     "The Washington Post ran a feature on Saturday that profiled a Trump supporter.\n\n"
     "The piece said the woman had been in a hospital for weeks.",
     "the woman had been in a hospital", "Washington Post"),
    ("a reply noun's possessor is its speaker ('his best response was to say')",
     "Donald Trump spoke about trade at the debate.\n\nWhen pressed by Holt about jobs, his best response was to "
     "say he would prevent more from leaving.",
     "he would prevent more from leaving", "Donald Trump"),
    ("a role owned by a pronoun is named by its owner ('his aides' -> 'Bobby Scott's aides')",
     "Bobby Scott welcomed several hundred guests.\n\nHis aides say it is too early to discuss a Senate run.",
     "too early to discuss", "Bobby Scott's aides"),
    ("a role owned by a pronoun is not a person introduced as that role of someone else",
     "Cheryl Mills, Hillary Clinton's lawyer, testified in June.\n\n"
     "Bryan Pagliano refused to appear before the panel. His lawyer said he would not answer questions.",
     "he would not answer questions", "Pagliano's lawyer"),
    ("a titled short form of another gender is not the full name ('Mr. Obama' beside 'Michelle Obama')",
     "President Obama spoke in Washington on Saturday.\n\nMr. Obama said turnout would decide the election. "
     "Michelle Obama campaigned in Ohio.",
     "turnout would decide the election", "Obama"),
    ("a surname-only person takes the full name the article spells where the NER missed it",
     "Amandla Stenberg appeared on Friday.\n\nStenberg said the awards mattered.",
     "the awards mattered", "Amandla Stenberg"),
    ("a plural source shown by its named members ('critics, like A and B') is the members",
     "Critics of the program, like Senators Charles E. Grassley, Republican of Iowa, and Patrick J. Leahy, "
     "Democrat of Vermont, see the vote as a chance to fix it. They sent a letter on Thursday.\n\n"
     "\"The program has become plagued by fraud,\" they wrote.",
     "plagued by fraud", "Charles E. Grassley and Patrick J. Leahy"),
    ("a name whose second word is a particle keeps its first word ('Anwar al-Awlaki')",
     "The video shows the extremist cleric Anwar al-Awlaki lecturing.\n\nAnwar al-Awlaki said the West was at war.",
     "the West was at war", "Anwar al-Awlaki"),
    ("an unnamed role keeps its words with the organisation it speaks for named",
     "Shoppers Drug Mart is recalling the product.\n\nA spokesperson for the company said customers should "
     "return it.",
     "customers should return", "A spokesperson for Shoppers Drug Mart"),
    ("a person's name the NER tagged as an organisation is a person ('Carly Fiorina')",
     "Carly Fiorina threw her support behind Sen. Ted Cruz on Wednesday.\n\n"
     "Fiorina, the former Hewlett-Packard CEO, made a surprise appearance at Cruz's rally in Miami. "
     "She said conservatives needed to band together.",
     "conservatives needed to band together", "Carly Fiorina"),
    ("pronouns inside a quotation give its speaker no gender",
     "Rakeyia Scott stood in the street facing the officers.\n\n"
     "\"Don't shoot him,\" she yelled. \"He has no weapon. He has no weapon. He did nothing.\"\n\n"
     "Later she said the officers did not listen to her.",
     "the officers did not listen", "Rakeyia Scott"),
    ("an outlet the NER read as a person is what 'the website' stands for",
     "Zero Hedge asked why the rate had changed.\n\n"
     "The website noted that both candidates were citing the same studies.",
     "both candidates were citing", "Zero Hedge"),
    ("an organisation description far from the only organisation of that kind the article names",
     "Patriot Coal filed for bankruptcy in 2012.\n\nA few weeks before, the union said the company had hidden "
     "its debts." + " The mines closed one by one." * 60 + "\n\nPhil Smith, a spokesman for the United Mine "
     "Workers of America, said the workers were owed pensions.",
     "the company had hidden its debts", "United Mine Workers of America"),
    ("an organisation whose name begins with a title word keeps it ('General Motors')",
     "General Motors will close the plant in Oshawa. The automaker said demand had fallen.",
     "demand had fallen", "General Motors"),
    ("a surname with a straight and a curly apostrophe",
     "Police Commissioner James O’Neill spoke on Sunday.\n\nO'Neill said the bombing was an act of terror.",
     "the bombing was an act of terror", "James O’Neill"),
]

# (construction, text, fragment of the quote, a name the speaker must not be)
NOT_CASES = [
    ("a role of a named organisation nobody holds is not whoever is on stage ('the Bank of England's governor')",
     "LONDON, 14 March 2024 (Reuters) - Britain's finance minister Jeremy Hunt said taxes would fall.\n\n"
     "Speaking last Friday, the Bank of England's governor said rates would stay high.", "rates would stay high",
     "Jeremy Hunt"),
    ("the possessive of a role nobody in the article holds names nobody ('the senator's spokesman')",
     "Premier Danielle Smith clashed with Ottawa on Thursday.\n\nThe senator's spokesman said the bill would pass.",
     "the bill would pass", "Danielle Smith"),
    ("a platform the NER tags as a person is no 'he' ('wrote on Twitter. He posted')",
     "NEW DELHI (AP) — The minister spoke on Tuesday.\n\n"
     "\"We cannot afford to let our guard down,\" Mansukh Mandaviya wrote on Twitter. He posted a video of a "
     "vaccination camp in Gujarat.", "a video of a vaccination camp", "Twitter"),
    ("a document's issuer the registry does not know is not the last speaker ('a statement from the ministry')",
     "Opposition leader Rahul Gandhi spoke.\n\n\"The government promised 100 crore doses,\" Gandhi said.\n\n"
     "According to a statement from the ministry, 60% of adults have received a first dose.",
     "60% of adults", "Gandhi"),
    ("an untagged name of three words is no person a pronoun takes ('Right Wing Watch first reported')",
     "Pastor Kevin Swanson spoke on his radio show, Right Wing Watch first reported.\n\n"
     "He then said that the leaders should resign.", "the leaders should resign", "Right Wing Watch"),
    ("an anonymous source is not the next person introduced",
     "The plant closed in June.\n\nOne state official said the cleanup had stalled.\n\n"
     "Tom Clarke said his company would finish the work.",
     "the cleanup had stalled", "Tom Clarke"),
    ("a source counted as 'one' stays anonymous, not the article's main person",
     "Tom Clarke bought the mines in 2015. Clarke said the work was on track. Clarke hired workers.\n\n"
     "After some challenges, the reclamation work has exceeded expectations, one West Virginia official said.",
     "the reclamation work has exceeded expectations", "Clarke"),
    ("a description is not the next person introduced with another role",
     "A clip of Donald Trump appears in a new video.\n\nThe GOP candidate is shown discussing his plan.\n\n"
     "Before that, the extremist cleric Anwar al-Awlaki is shown lecturing.",
     "discussing his plan", "Awlaki"),
    ("a description of one party is not a person of the other",
     "Democrats spoke all night.\n\nA Democratic senator said the votes would be held on Monday.\n\n"
     "Senator John Cornyn, the No. 2 Republican in the Senate, said the chamber would vote.",
     "the votes would be held", "Cornyn"),
    ("a role of a person the paragraph is about is not the main person",
     "Donald Trump spoke in Ohio. Trump said jobs were leaving. Trump promised tariffs. Trump left.\n\n"
     "Gary Johnson released his records. Johnson is healthy, Johnson said. "
     "Gary Johnson's doctor said he was fit.",
     "he was fit", "Donald Trump"),
    ("'the agency' is not an organisation whose name marks another kind",
     "Health Canada issued a recall. Loblaw Companies Ltd. pulled the product.\n\n"
     "The agency said the product could contain bacteria.",
     "could contain bacteria", "Loblaw"),
    ("'the agency' is not an organisation named far back whose name does not say so",
     "Statistics Canada released new figures on Friday." + " Prices rose again in the spring." * 25
     + "\n\nThe agency said 50,000 jobs were lost.",
     "jobs were lost", "Statistics Canada"),
    ("an unnamed plural source between a speaker and 'he' does not take over 'he'",
     "“Turnout will be low,” said Joe Madison, a radio host.\n\nHis listeners say the race is close. "
     "Madison recalled the primary.\n\n“He would be the token candidate,” he said.",
     "the token candidate", "listeners"),
    ("an age description is not a last speaker of the other gender",
     "\"The plan is fine,\" said John Smith.\n\nThe 34-year-old mother of three replied that it was meant to "
     "benefit mothers.",
     "meant to benefit mothers", "John Smith"),
    ("a man's titled short form is not a woman's full name",
     "Michelle Obama campaigned in Ohio on Friday.\n\nMr. Obama said turnout would decide the election.",
     "turnout would decide the election", "Michelle"),
    ("a spokesman is not the salient subject he speaks for",
     "Donald Trump said he was a unifier.\n\nThe prime minister's spokesman said the prime minister stood by his "
     "comments.",
     "stood by his comments", "Trump"),
    ("a word the NER glued before a first name in a title-case headline is not part of the name",
     "Black Lawmakers Rip Donald Trump As A Disgusting Fraud.\n\nTrump said the questions were settled.",
     "the questions were settled", "Rip"),
    ("a common noun the NER glued before a first name is not part of the name",
     "Billionaire Donald Trump spoke in Iowa.\n\nTrump said the plan would work.",
     "the plan would work", "Billionaire"),
    ("a short name is not an unnamed group whose words contain it",
     "Several former RT journalists say they were told what to report.\n\n"
     "The network says it is no more biased than any other news organization. "
     "RT says its critics are trying to silence it.",
     "its critics are trying to silence it", "journalists"),
    ("a pronoun chain keeps the last speaker against a name it mentions",
     "“The mines are a disgrace,” said Tom Clarke, a coal executive.\n\n"
     "He is reclaiming the mines of Mr. Patriot Jones, a rival.\n\n"
     "“The industry can keep producing coal,” he said.",
     "keep producing coal", "Patriot Jones"),
]


@pytest.mark.parametrize(("construction", "text", "fragment", "speaker"), CASES, ids=[c[0] for c in CASES])
def test_resolution(nlp: Language, construction: str, text: str, fragment: str, speaker: str) -> None:
    st = speaker_of(nlp, text, fragment)
    assert st.speaker is not None and speaker.lower() in st.speaker.lower(), (construction, st)


@pytest.mark.parametrize(("construction", "text", "fragment", "wrong"), NOT_CASES, ids=[c[0] for c in NOT_CASES])
def test_resolution_guard(nlp: Language, construction: str, text: str, fragment: str, wrong: str) -> None:
    st = speaker_of(nlp, text, fragment)
    assert st.speaker is None or wrong.lower() not in st.speaker.lower(), (construction, st)


def test_plural_source_names_both(nlp: Language) -> None:
    text = ("Senators Chuck Grassley and Patrick Leahy wrote to the agency. "
            "They said the program was open to fraud.")
    st = speaker_of(nlp, text, "the program was open to fraud")
    assert st.speaker == "Chuck Grassley and Patrick Leahy"
    assert st.speaker_mention == "They"


def test_unresolved_pronoun_gives_a_null_speaker(nlp: Language) -> None:
    st = speaker_of(nlp, "The weather was bad on Monday. She said the road was closed.", "the road was closed")
    assert st.speaker is None
    assert st.speaker_mention == "She"


def test_a_cue_without_a_mention_takes_its_clause_subject(nlp: Language) -> None:
    text = "Pat Caddell went on to discuss recent polls showing a close race."
    doc = nlp(text)
    span = source_of_cue(doc, text.index("discuss"))
    assert span is not None and span.text == "Pat Caddell"


def test_a_passive_it_is_no_source(nlp: Language) -> None:
    text = "The Taliban met in Kabul. Earlier Thursday, it was reported that the Taliban had decided to attack."
    doc = nlp(text)
    assert source_of_cue(doc, text.index("reported")) is None


def test_gender_comes_from_unambiguous_pronouns(nlp: Language) -> None:
    text = ("Rakeyia Kowalczyk filmed the encounter. She shouted at the officers. Her husband was in the car. "
            "She said later that she was afraid.")
    resolver = SpeakerResolver(nlp(text))
    person = next(e for e in resolver.entities if e.name.endswith("Kowalczyk"))
    assert person.gender == "female"


def test_name_misread_as_an_organisation_folds_into_the_person(nlp: Language) -> None:
    text = ("Ava DuVernay directed the film. DuVernay said the film took two years. "
            "DuVernay explained that she had planned it for a decade.")
    resolver = SpeakerResolver(nlp(text))
    assert [e.name for e in resolver.entities if "DuVernay" in e.name] == ["Ava DuVernay"]


def test_np_span_stops_before_a_relative_clause(nlp: Language) -> None:
    doc = nlp("The senator who chairs the committee said no.")
    root = next(t for t in doc if t.text == "senator")
    left, right = np_span(root)
    assert doc[left:right].text == "The senator"


@pytest.mark.parametrize(("names", "joined"), [
    (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_joined_name(names: list[str], joined: str) -> None:
    from bot.extraction.speakers.entities import Entity

    assert joined_name([Entity(name=n, kind="person") for n in names]) == joined


def test_quoted_mask_marks_quotations_and_unclosed_paragraphs() -> None:
    text = "He said “yes” today.\n“Open quote\nafter"
    mask = quoted_mask(text)
    assert mask[text.index("yes")] and not mask[text.index("today")]
    assert mask[text.index("Open")] and not mask[text.index("after")]


def test_config_is_frozen() -> None:
    cfg = SpeakersConfig()
    with pytest.raises(AttributeError):
        cfg.pronoun_window_sentences = 9  # type: ignore[misc]


def test_a_lone_surname_the_ner_gave_another_label_is_the_person(nlp: Language) -> None:
    doc = nlp("Rep. Tom Cole spoke on Thursday. Yet the deal is close, Cole said.")
    cole = [t for t in doc if t.text == "Cole"][-1]
    others = [e for e in doc.ents if not (e.start <= cole.i < e.end)]
    doc.ents = [*others, Span(doc, cole.i, cole.i + 1, label="PRODUCT")]
    resolver = SpeakerResolver(doc)
    assert resolver.by_token[cole.i].name == "Tom Cole"


@pytest.mark.parametrize(("text", "name"), [
    ("Donald Trump\nMANCHESTER spoke about the plan.", "Donald Trump"),
    ("Fault\nTed Cruz spoke about the plan.", "Ted Cruz"),
])
def test_a_name_the_ner_ran_across_a_line_break_is_its_line_of_most_words(nlp: Language, text: str,
                                                                         name: str) -> None:
    doc = nlp(text)
    end = next(t.i for t in doc if t.text == "spoke")
    doc.ents = [Span(doc, 0, end, label="PERSON")]
    resolver = SpeakerResolver(doc)
    assert [e.name for e in resolver.entities if e.kind == "person"] == [name]


def test_a_demonstrative_is_no_source(nlp: Language) -> None:
    text = ("Bobby Scott has never raised more than $525,000. "
            "That's a small fraction of the minimum $20 million experts say it costs to run statewide.")
    st = speaker_of(nlp, text, "costs to run")
    assert st.speaker_mention != "That"


def test_an_outlets_possessive_is_not_the_speaker(nlp: Language) -> None:
    doc = nlp("Fox News' Megyn Kelly said the debate was tough.")
    kelly = next(t.i for t in doc if t.text == "Kelly")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, kelly - 1, kelly + 1, label="WORK_OF_ART")]
    resolver = SpeakerResolver(doc)
    mention = doc[0:kelly + 1]
    assert resolve_mention(resolver, mention, []) is None
    assert plain_speaker(mention) == "Megyn Kelly"


@pytest.mark.parametrize(("text", "cue", "source"), [
    ("Trump will be unable to turn the crowds against the moderators and accuse the audience of being donors.",
     "accuse", "Trump"),
    ("Trump further described the incident as a terrible situation, but stopped short of calling the officer's "
     "actions racially motivated.", "calling", "Trump"),
])
def test_a_cue_climbs_through_adjectives_and_adverbs_to_its_subject(nlp: Language, text: str, cue: str,
                                                                    source: str) -> None:
    doc = nlp(text)
    span = source_of_cue(doc, text.index(cue))
    assert span is not None and span.text == source


def test_a_short_name_is_not_an_unnamed_group_containing_it(nlp: Language) -> None:
    doc = nlp("Several former RT journalists quit. Later RT said it was fair.")
    root = next(t for t in doc if t.text == "RT" and t.i > 3)
    group = Entity(name="Several former RT journalists", kind="group", label="GENERIC", positions=[0])
    police = Entity(name="Police", kind="group", label="GENERIC", positions=[0])
    assert org_description(root, [group], root.idx, 6000) is None
    officers = nlp("Police said the road was closed. Police added that it would reopen.")
    head = next(t for t in officers if t.text == "Police" and t.i > 3)
    assert org_description(head, [police], head.idx, 6000) is police


@pytest.mark.parametrize(("name", "gender"), [("François Legault", "male"), ("Jean-Yves Duclos", "male"),
                                              ("Zoë Ball", "female"), ("José Díaz", "male"), ("Zorbin Romney", None)])
def test_first_names_with_accents_or_a_hyphen_give_a_gender(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender

