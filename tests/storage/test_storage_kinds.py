"""Statement kinds in storage: saved, filtered in every listing, and what a filter leaves out, counted."""

from __future__ import annotations

from storage_helpers import save_article, statement

from bot.storage import LeftOut, SqliteStorage, Storage

TEXT = "Kirby said the mission is over. Kirby believes it worked. A poll found support. Psaki said more."


async def seed(storage: Storage) -> None:
    await save_article(storage, 1, TEXT, [
        statement("the mission is over", "John Kirby", TEXT, date="2021-09-01"),
        statement("it worked", "John Kirby", TEXT, date="2021-09-02", kind="thought"),
        statement("support", None, TEXT, kind="evidence"),
        statement("more", "Jen Psaki", TEXT, date="2021-09-03"),
    ])


async def test_kind_is_stored_and_read_back(storage: Storage) -> None:
    await seed(storage)
    page = await storage.statements.page(1, None, 1, 10)
    assert sorted((s.quote, s.kind) for s in page.items) == [
        ("it worked", "thought"), ("more", "speech"), ("support", "evidence"), ("the mission is over", "speech")]
    assert page.left_out == LeftOut()  # every kind asked for: nothing left out, nothing counted


async def test_page_filters_by_kind_and_counts_the_rest(storage: Storage) -> None:
    await seed(storage)
    speech = await storage.statements.page(1, None, 1, 10, "speech")
    assert [s.quote for s in speech.items] == ["more", "the mission is over"]
    assert speech.total == 2
    assert speech.left_out == LeftOut(counts=(("evidence", 1), ("thought", 1)))
    kirby = (await storage.speakers.find(1, "John Kirby"))
    assert kirby is not None
    only_kirby = await storage.statements.page(1, kirby.id, 1, 10, "speech")
    assert [s.quote for s in only_kirby.items] == ["the mission is over"]
    assert only_kirby.left_out.counts == (("thought", 1),)


async def test_search_timeline_and_export_filter_by_kind(storage: Storage) -> None:
    await seed(storage)
    found = await storage.statements.search(1, "kirby", 1, 10, "speech")
    assert [s.quote for s in found.items] == ["the mission is over"]
    assert found.left_out.counts == (("thought", 1),)
    thoughts = await storage.statements.search(1, "worked", 1, 10, "thought")
    assert [s.quote for s in thoughts.items] == ["it worked"] and thoughts.left_out.total == 0
    timeline = await storage.statements.timeline(1, page=1, per_page=10, kind="speech")
    assert [s.quote for s in timeline.items] == ["the mission is over", "more"]
    assert timeline.left_out.counts == (("evidence", 1), ("thought", 1))
    dated = await storage.statements.timeline(1, date_from="2021-09-02", kind="speech")
    assert [s.quote for s in dated.items] == ["more"] and dated.left_out.counts == (("thought", 1),)
    everything = await storage.statements.timeline(1, date_from="2021-09-02")
    assert [s.quote for s in everything.items] == ["it worked", "more"] and everything.left_out.total == 0
    rows, left_out = await storage.statements.export(1, None, "evidence")
    assert [s.quote for s in rows] == ["support"]
    assert left_out.counts == (("speech", 2), ("thought", 1))
    kirby = await storage.speakers.find(1, "John Kirby")
    assert kirby is not None
    rows, left_out = await storage.statements.export(1, kirby.id, "thought")
    assert [s.quote for s in rows] == ["it worked"] and left_out.counts == (("speech", 1),)
    empty = await storage.statements.page(1, kirby.id, 1, 10, "evidence")
    assert (empty.items, empty.total, empty.left_out.counts) == ((), 0, (("speech", 1), ("thought", 1)))


async def test_a_kind_filter_uses_an_index_of_the_kind(sqlite_storage: SqliteStorage) -> None:
    from bot.storage import sql

    storage = sqlite_storage
    await seed(storage)
    plans = []
    for filters, order in (({"kind"}, sql.NEWEST_FIRST), ({"kind", "speaker"}, sql.NEWEST_FIRST),
                           ({"kind"}, sql.TIMELINE_ORDER), ({"kind", "speaker"}, sql.TIMELINE_ORDER)):
        query = "EXPLAIN QUERY PLAN " + sql.listing_query(filters, order)
        rows = await storage.conn.execute_fetchall(query, {"guild": 1, "kind": "speech", "speaker": 1,
                                                           "limit": 10, "offset": 0})
        plans.append(" ".join(str(r[3]) for r in rows))
    assert all("USING INDEX statements_" in plan and "kind" in plan for plan in plans), plans
    assert all("TEMP B-TREE" not in plan for plan in plans), plans  # pages come in index order, unsorted
