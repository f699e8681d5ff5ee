"""The service's chart and profile queries on the seed article (real extraction), and close-name suggestions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import bot.service as service_module
from bot.errors import NotFound, UsageError
from bot.service import Actor, Service, ThreadExtractor, TimelineFilter, close_names
from bot.settings import Settings
from bot.storage import Storage

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_92e1eb94dd366c5a.txt"
ACTOR = Actor(guild_id=1, user_id=1, message_url="https://discord.com/channels/1/2/3")


@pytest.fixture(scope="module")
def extractor() -> Iterator[ThreadExtractor]:
    ex = ThreadExtractor(Settings.from_env({}))
    yield ex
    ex.close()


@pytest.fixture
async def service(tmp_path: Path, extractor: ThreadExtractor) -> AsyncIterator[Service]:
    storage = await Storage.open(tmp_path / "q.db")
    svc = Service(storage, extractor, Settings.from_env({}))
    await svc.add_file(ACTOR, SEED)
    yield svc
    await storage.close()


async def test_the_seed_profile_of_kirby(service: Service) -> None:
    profile = await service.speaker_profile(1, "Kirby")
    assert profile.speaker.name == "John Kirby"
    assert profile.roles == (("Pentagon spokesman", 3),)
    assert profile.kinds == (("speech", 3),) and profile.total == 3
    assert profile.first is not None and profile.first.date == "2021-09-02"
    assert profile.last is not None and profile.last.date == "2021-09-02"
    assert [(a.ref, a.statements, a.message_url) for a in profile.articles] == [
        ("A1", 3, "https://discord.com/channels/1/2/3")]
    assert profile.article_count == 1 and len(profile.points) == 3


async def test_the_seed_chart_data_in_timeline_order(service: Service) -> None:
    data = await service.timeline_chart(1, TimelineFilter(), "all")
    dates = [p.date for p in data.points]
    assert dates == sorted(dates) and dates[0] == "2021-08-15" and len(dates) == 16
    assert not data.capped and data.left_out.total == 0
    agbar = await service.timeline_chart(1, TimelineFilter(speaker="Agbar", date_from="2021-09-01",
                                                           date_to="2021-09-01"))
    assert agbar.speaker is not None and agbar.speaker.name == "Muhammad Zohir Agbar"
    assert len(agbar.points) == 5 and (agbar.date_from, agbar.date_to) == ("2021-09-01", "2021-09-01")


async def test_a_chart_past_its_limit_says_it_is_capped(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_module, "CHART_MAX_POINTS", 4)
    data = await service.timeline_chart(1, TimelineFilter(), "all")
    assert len(data.points) == 4 and data.capped
    assert data.points[0].date == "2021-08-15"  # the oldest are kept


async def test_the_chart_checks_its_filters(service: Service) -> None:
    with pytest.raises(UsageError, match="is after"):
        await service.timeline_chart(1, TimelineFilter(date_from="2021-09-02", date_to="2021-09-01"))
    with pytest.raises(NotFound):
        await service.timeline_chart(1, TimelineFilter(article=9))
    with pytest.raises(NotFound, match="did you mean John Kirby"):
        await service.speaker_profile(1, "Kirbi")


@pytest.mark.parametrize(("typed", "known", "close"), [
    ("Kirbi", ["John Kirby", "Taliban"], ["John Kirby"]),  # by the last word
    ("Jon Kirby", ["John Kirby", "Kirby"], ["John Kirby", "Kirby"]),
    ("Blinkin", ["Anthony Blinken", "Antony Blinken", "Pentagon"], ["Anthony Blinken", "Antony Blinken"]),
    ("Talibn", ["Taliban"], ["Taliban"]),
    ("Zzyzx", ["John Kirby", "Taliban"], []),
    ("", ["John Kirby"], []),
])
def test_close_names(typed: str, known: list[str], close: list[str]) -> None:
    assert close_names(typed, known) == close
