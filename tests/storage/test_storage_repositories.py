"""Repositories on each backend (a SQLite file, a PostgreSQL database): guild isolation, dedupe, speaker merging,
search, transactions."""

from __future__ import annotations

import asyncio
import sqlite3

import asyncpg
import pytest
from storage_helpers import Said, save_article, statement

from bot.errors import NotFound
from bot.storage import NewArticle, NewStatement, Storage
from bot.storage.records import quote_key, text_hash
from bot.storage.search import websearch_text
from bot.storage.statements import match_query

TEXT = "Kirby said: The mission is over. Psaki said: We are evacuating U.S. citizens now."


async def test_guild_isolation(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [statement("The mission is over.", "John Kirby", TEXT)])
    await save_article(storage, 2, "Other text " + TEXT, [statement("Secret plans.", "John Kirby")])
    # Each guild numbers from 1 and sees only its own rows.
    s1, s2 = await storage.statements.get(1, 1), await storage.statements.get(2, 1)
    assert (s1.quote, s2.quote) == ("The mission is over.", "Secret plans.")
    assert s1.speaker_id != s2.speaker_id
    assert [s.quote for s in (await storage.statements.search(1, "secret", 1, 10)).items] == []
    assert (await storage.statements.page(2, None, 1, 10)).total == 1
    with pytest.raises(NotFound):
        await storage.statements.get(1, 2)
    with pytest.raises(NotFound):
        await storage.articles.get(3, 1)
    assert await storage.speakers.find(3, "John Kirby") is None
    # A row id from another guild is not reachable either.
    with pytest.raises(NotFound):
        await storage.articles.get_by_id(1, s2.article_id)
    async with storage.transaction():
        await storage.statements.delete(1, s2.id)  # guild 1 trying to delete guild 2's row: no effect
    assert (await storage.statements.get(2, 1)).quote == "Secret plans."


async def test_article_dedupe_by_normalised_text_and_by_url(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [], url="https://example.com/a")
    same_text = "  " + TEXT.upper().replace(" ", "\n  ") + "\n"
    assert text_hash(same_text) == text_hash(TEXT)
    found = await storage.articles.find_duplicate(1, text_hash(same_text), None)
    assert found is not None and found.ref == "A1"
    by_url = await storage.articles.find_duplicate(1, "other-hash", "https://example.com/a")
    assert by_url is not None and by_url.ref == "A1"
    assert await storage.articles.find_duplicate(2, text_hash(TEXT), "https://example.com/a") is None
    assert await storage.articles.find_duplicate(1, "other-hash", None) is None


async def test_same_statement_from_two_articles_is_one_statement_with_two_sources(storage: Storage) -> None:
    wire = "“The mission is over,” Kirby said."
    await save_article(storage, 1, TEXT, [statement("The mission is over.", "John Kirby", TEXT)])
    await save_article(storage, 1, wire, [statement("The mission is over,", "Kirby", wire)])
    page = await storage.statements.page(1, None, 1, 10)
    assert page.total == 1
    (only,) = page.items
    assert only.speaker == "John Kirby"
    assert [s.ref for s in only.sources] == ["A1", "A2"]
    assert only.sources[1].start == wire.find("The mission") == 1
    assert quote_key("The mission is over.") == quote_key("“the mission is over,”")


@pytest.mark.parametrize(("existing", "incoming", "merged"), [
    (["John Kirby"], "Kirby", "John Kirby"),            # bare surname joins the one full name
    (["John Kirby"], "Mr. Kirby", "John Kirby"),        # titles do not count
    (["Kirby"], "John Kirby", "John Kirby"),            # a full name takes over a lone bare surname
    (["John Kirby", "Jane Kirby"], "Kirby", None),      # ambiguous: stays apart
    (["Kirby", "Jane Kirby"], "John Kirby", None),      # another full name with that surname: apart
    (["John Kirby"], "Jen Psaki", None),
])
async def test_speaker_merge_rules(storage: Storage, existing: list[str], incoming: str,
                                   merged: str | None) -> None:
    before = {}
    async with storage.transaction():
        for name in existing:
            before[name] = (await storage.speakers.resolve_for_intake(1, name, None, "t")).id
        got = await storage.speakers.resolve_for_intake(1, incoming, None, "t")
    if merged is None:
        assert got.id not in before.values()
        assert got.name == incoming
    else:
        assert got.id in before.values()
        assert got.name == merged
        assert (await storage.speakers.find(1, incoming)) == await storage.speakers.get(1, got.id)


async def test_search_stems_and_covers_speaker_names(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [statement("We are evacuating U.S. citizens now.", "Jen Psaki", TEXT),
                                          statement("The mission is over.", "John Kirby", TEXT)])
    assert [s.speaker for s in (await storage.statements.search(1, "evacuation", 1, 10)).items] == ["Jen Psaki"]
    assert [s.quote for s in (await storage.statements.search(1, "kirby", 1, 10)).items] == [
        "The mission is over."]
    assert [s.quote for s in (await storage.statements.search(1, '"mission is over"', 1, 10)).items] == [
        "The mission is over."]
    # A rename reaches the index (trigger).
    kirby = await storage.speakers.find(1, "John Kirby")
    assert kirby is not None
    async with storage.transaction():
        await storage.speakers.rename(1, kirby.id, "Admiral Kirby")
    assert (await storage.statements.search(1, "admiral", 1, 10)).total == 1


async def test_search_finds_other_forms_of_a_word_and_requires_every_word(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [statement("The evacuation of U.S. citizens goes on.", "Jen Psaki", TEXT),
                                          statement("The mission is over.", "John Kirby", TEXT)])
    assert [s.speaker for s in (await storage.statements.search(1, "evacuate", 1, 10)).items] == ["Jen Psaki"]
    assert [s.speaker for s in (await storage.statements.search(1, "evacuating citizen", 1, 10)).items] == [
        "Jen Psaki"]
    # Words that are operators elsewhere ("or", "-") are words here: every one is still required.
    for query in ("mission OR evacuate", "mission -evacuate", "mission | evacuate"):
        assert (await storage.statements.search(1, query, 1, 10)).total == 0, query
    assert (await storage.statements.search(2, "evacuate", 1, 10)).total == 0  # another guild


async def test_a_search_never_matches_the_guild_the_index_holds(storage: Storage) -> None:
    # SQLite's index holds a token per guild ("g1"): user words search the quote and the speaker only.
    await save_article(storage, 1, TEXT, [statement("The mission is over.", "John Kirby", TEXT)])
    await save_article(storage, 2, "Other " + TEXT, [statement("Secret plans.", "Jen Psaki")])
    for guild, query in ((1, "g1"), (2, "g1"), (2, "g2"), (1, "guild"), (1, "mission g1")):
        assert (await storage.statements.search(guild, query, 1, 10)).total == 0, (guild, query)
    assert (await storage.statements.search(1, "mission", 1, 10)).total == 1


HOSTILE = [
    'U.S. "evacuating', '"', '""', "'", "NEAR", "NEAR(mission over)", "mission NEAR/2 over", "*", "mission*",
    "(", ")", "((mission", "mission OR", "AND", "NOT mission", "-mission", "quote:mission", "^mission",
    "{quote}: x", "a:b:c", "\\", "%", "_", "';DROP TABLE statements;--", "\x00", "😀", "   ", "",
]


@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_search_strings_never_fail(storage: Storage, query: str) -> None:
    await save_article(storage, 1, TEXT, [statement("We are evacuating U.S. citizens now.", "Jen Psaki", TEXT)])
    page = await storage.statements.search(1, query, 1, 10)
    assert page.total == len(page.items) <= 1
    assert (await storage.statements.page(1, None, 1, 10)).total == 1  # nothing was dropped


def test_match_query_only_emits_quoted_words() -> None:
    assert match_query('U.S. "evacuating') == '"U" "S" "evacuating"'
    assert match_query('"mission is over" NEAR(x)') == '"mission is over" "NEAR" "x"'
    assert match_query("*()^:") is None


def test_websearch_text_only_emits_quoted_words() -> None:
    # PostgreSQL's parser indexes "U.S." and "well-known" whole, so those stay one term; a quote mark, "or"
    # and "-" can only ever be inside a quoted term, where websearch_to_tsquery reads no operator.
    assert websearch_text('U.S. "evacuating') == '"U.S." "evacuating"'
    assert websearch_text('"mission is over" or -x') == '"mission is over" "or" "x"'
    assert websearch_text('well-known "a"b"') == '"well-known" "a" "b"'
    assert websearch_text("*()^:-") is None


async def test_failed_article_leaves_nothing(storage: Storage) -> None:
    with pytest.raises(RuntimeError):
        async with storage.transaction():
            await storage.articles.insert(
                NewArticle(guild_id=1, added_by=1, text=TEXT),
                text_hash=text_hash(TEXT), article_date=None, date_source=None, extractor_version="1",
                created_at="t")
            raise RuntimeError("extraction exploded half-way")
    assert await storage.articles.count(1) == 0
    await save_article(storage, 1, TEXT, [])  # and the transaction machinery still works afterwards
    assert await storage.articles.count(1) == 1


async def test_forgetting_an_article_keeps_statements_other_articles_report(storage: Storage) -> None:
    wire = "Kirby: the mission is over. Also: Only here."
    a1 = await save_article(storage, 1, TEXT, [statement("The mission is over.", "John Kirby", TEXT)])
    await save_article(storage, 1, wire, [statement("the mission is over.", "John Kirby", wire),
                                          statement("Only here.", "John Kirby", wire)])
    a2 = (await storage.articles.get(1, 2)).id
    async with storage.transaction():
        assert await storage.statements.detach_article(1, a1) == 0
        await storage.articles.delete(1, a1)
    kept = await storage.statements.get(1, 1)
    assert kept.article_ref == "A2" and [s.ref for s in kept.sources] == ["A2"]
    async with storage.transaction():
        assert await storage.statements.detach_article(1, a2) == 2
        await storage.articles.delete(1, a2)
    assert (await storage.statements.page(1, None, 1, 10)).total == 0
    assert await storage.integrity_check() == "ok"


async def test_writes_outside_a_transaction_are_refused(storage: Storage) -> None:
    # A write outside a transaction is a bug: the readers (SQLite's query_only reader, PostgreSQL's pooled
    # connections outside a write transaction) refuse it.
    with pytest.raises((sqlite3.OperationalError, asyncpg.ReadOnlySQLTransactionError), match=r"read-?only"):
        await storage.statements.delete(1, 1)


async def test_readers_never_see_an_article_being_saved(storage: Storage) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def slow_save() -> None:
        async with storage.transaction():
            art = await storage.articles.insert(NewArticle(guild_id=1, added_by=1, text=TEXT),
                                                text_hash=text_hash(TEXT), article_date=None,
                                                date_source=None, extractor_version="1", created_at="t")
            await storage.statements.add(1, art.id, None, statement("The mission is over.", None, TEXT).new, "1",
                                           "t")
            started.set()
            await release.wait()

    writer = asyncio.create_task(slow_save())
    await started.wait()
    assert await storage.articles.count(1) == 0  # another task reads the committed snapshot only
    assert (await storage.statements.page(1, None, 1, 10)).total == 0
    release.set()
    await writer
    assert await storage.articles.count(1) == 1


async def test_speaker_counts_follow_every_change(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [statement("One.", "John Kirby"), statement("Two.", "John Kirby"),
                                          statement("Three.", "Jen Psaki")])
    kirby, psaki = await storage.speakers.find(1, "John Kirby"), await storage.speakers.find(1, "Jen Psaki")
    assert kirby is not None and psaki is not None

    async def counts() -> dict[str, int]:
        return {s.name: s.statement_count for s in (await storage.speakers.listing(1, 1, 10)).items}

    assert await counts() == {"John Kirby": 2, "Jen Psaki": 1}
    async with storage.transaction():
        await storage.statements.set_speaker(1, (await storage.statements.get(1, 1)).id, psaki.id)
    assert await counts() == {"John Kirby": 1, "Jen Psaki": 2}
    async with storage.transaction():
        await storage.statements.delete(1, (await storage.statements.get(1, 2)).id)
    assert await counts() == {"Jen Psaki": 2}


async def test_a_quote_repeated_in_one_article_is_two_statements(storage: Storage) -> None:
    text = "Kirby called it “the tunnel”. Later Kirby again spoke of “the tunnel”."
    first, second = text.find("the tunnel"), text.rfind("the tunnel")
    await save_article(storage, 1, text, [
        statement("the tunnel", "John Kirby", text),
        Said("John Kirby", NewStatement(type="mixed", quote="the tunnel", start=second, end=second + 10,
                                        speaker_mention="Kirby", cue="spoke")),
    ])
    page = await storage.statements.page(1, None, 1, 10)
    assert sorted((s.start, s.end) for s in page.items) == [(first, first + 10), (second, second + 10)]


async def test_short_ids_are_never_handed_out_twice(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [statement("One.", "John Kirby"), statement("Two.", "John Kirby")])
    last = await storage.statements.get(1, 2)
    async with storage.transaction():
        await storage.statements.forget(1, last.id, "t")
    await save_article(storage, 1, "other " + TEXT, [statement("Three.", "John Kirby")])
    numbers = [s.number for s in (await storage.statements.page(1, None, 1, 10)).items]
    assert numbers == [3, 1]  # S2 was forgotten: the next statement is S3, never a second S2
    await save_article(storage, 2, TEXT, [statement("Elsewhere.", None)])
    assert [s.number for s in (await storage.statements.page(2, None, 1, 10)).items] == [1]
