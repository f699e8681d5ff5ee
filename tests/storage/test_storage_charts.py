"""The queries behind charts and speaker profiles: chart points with the timeline's filters, a speaker's kinds,
roles and articles; every one scoped to its guild."""

from __future__ import annotations

from dataclasses import replace

from storage_helpers import Said, save_article, statement

from bot.storage import StatementKind, Storage


def said(quote: str, speaker: str | None, date: str | None, *, kind: StatementKind = "speech",
         role: str | None = None, basis: str = "explicit", precision: str | None = "day") -> Said:
    base = statement(quote, speaker, date=date, kind=kind)
    return Said(speaker, replace(base.new, speaker_role=role, date_basis=basis, date_precision=precision))


async def seed(storage: Storage) -> tuple[int, int]:
    first = await save_article(storage, 1, "first article", [
        said("one", "John Kirby", "2021-09-02", role="Pentagon spokesman"),
        said("two", "John Kirby", "2021-08-30", kind="thought", role="Pentagon spokesman"),
        said("three", "Taliban", "2021-08-15", basis="article"),
        said("four", "John Kirby", None, role="press secretary"),
    ])
    second = await save_article(storage, 1, "second article", [
        said("one", "John Kirby", "2021-09-02"),  # the same statement: a second source
        said("five", "John Kirby", "2021-09-01", precision="month", kind="evidence"),
    ])
    await save_article(storage, 2, "another guild", [said("six", "John Kirby", "2021-09-03")])
    return first, second


async def test_points_come_in_timeline_order_with_the_stored_date_fields(storage: Storage) -> None:
    await seed(storage)
    points = await storage.statements.points(1)
    assert [(p.speaker, p.kind, p.date, p.date_basis, p.date_precision) for p in points] == [
        ("Taliban", "speech", "2021-08-15", "article", "day"),
        ("John Kirby", "thought", "2021-08-30", "explicit", "day"),
        ("John Kirby", "evidence", "2021-09-01", "explicit", "month"),
        ("John Kirby", "speech", "2021-09-02", "explicit", "day"),
        ("John Kirby", "speech", None, "explicit", "day"),  # undated last
    ]
    assert len({p.number for p in points}) == 5


async def test_points_take_the_timeline_filters(storage: Storage) -> None:
    _first, second = await seed(storage)
    kirby = await storage.speakers.find(1, "John Kirby")
    assert kirby is not None
    st = storage.statements
    assert len(await st.points(1, speaker_id=kirby.id)) == 4
    assert [p.kind for p in await st.points(1, kind="speech")] == ["speech", "speech", "speech"]
    assert [p.date for p in await st.points(1, date_from="2021-08-30", date_to="2021-09-01")] == [
        "2021-08-30", "2021-09-01"]
    assert sorted(p.date or "" for p in await st.points(1, article_id=second)) == ["2021-09-01", "2021-09-02"]
    assert len(await st.points(1, limit=2)) == 2
    assert [p.date for p in await st.points(2)] == ["2021-09-03"]
    assert await st.points(3) == ()


async def test_a_speakers_kinds_roles_and_articles(storage: Storage) -> None:
    first, second = await seed(storage)
    kirby = await storage.speakers.find(1, "John Kirby")
    assert kirby is not None
    st = storage.statements
    assert await st.kind_counts_of_speaker(1, kirby.id) == {"speech": 2, "thought": 1, "evidence": 1}
    assert await st.roles_of_speaker(1, kirby.id) == (("Pentagon spokesman", 2), ("press secretary", 1))
    assert await st.roles_of_speaker(1, kirby.id, limit=1) == (("Pentagon spokesman", 2),)
    articles = await st.articles_of_speaker(1, kirby.id)
    assert [(a.ref, a.statements) for a in articles] == [("A2", 2), ("A1", 3)]  # undated articles: newest first
    assert articles[0].label == "A2"  # no title, link or file name: the short id
    assert len(await st.articles_of_speaker(1, kirby.id, limit=1)) == 1
    assert {first, second} == await st.article_ids_of_speaker(1, kirby.id)


async def test_profile_queries_never_see_another_guild(storage: Storage) -> None:
    await seed(storage)
    other = await storage.speakers.find(2, "John Kirby")
    assert other is not None
    st = storage.statements
    assert await st.kind_counts_of_speaker(1, other.id) == {}
    assert await st.roles_of_speaker(1, other.id) == ()
    assert await st.articles_of_speaker(1, other.id) == ()
    assert await st.kind_counts_of_speaker(2, other.id) == {"speech": 1}
