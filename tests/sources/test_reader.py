"""read_source for the CLI (links and files), and ``python -m bot extract URL --json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.cli import run_cli
from bot.errors import BlockedAddress, InputError, InputTooLarge, UnsupportedFile
from bot.settings import Settings
from bot.sources import read_source

if TYPE_CHECKING:
    from conftest import LocalSite

PAGES = Path(__file__).parent / "pages"


def test_read_source_fetches_links_from_sync_code(site: LocalSite) -> None:
    article = read_source(site.reading_settings(), site.url("/news"))
    assert article.date == "2024-03-14"
    assert article.text.startswith("Dock workers")


def test_read_source_refuses_private_links_by_default(site: LocalSite) -> None:
    settings = Settings.from_env({"FETCH_ALLOWED_PORTS": str(site.port)})
    with pytest.raises(BlockedAddress):
        read_source(settings, site.url("/news"))


def test_read_source_reads_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("“Fine,” said Ana.".encode("cp1252"))
    assert read_source(Settings.from_env({}), str(tmp_path / "a.txt")).text == "“Fine,” said Ana."
    html = read_source(Settings.from_env({}), str(PAGES / "news.html"))
    assert (html.filename, html.date) == ("news.html", "2024-03-14")


def test_read_source_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(Settings.from_env({}), str(tmp_path / "missing.txt"))
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    with pytest.raises(InputTooLarge, match="MAX_UPLOAD_BYTES"):
        read_source(Settings.from_env({"MAX_UPLOAD_BYTES": "1000"}), str(tmp_path / "big.txt"))
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFile, match=r"\.pdf"):
        read_source(Settings.from_env({}), str(tmp_path / "doc.pdf"))


def test_cli_extract_url_json_includes_metadata(site: LocalSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(site.reading_settings(), ["extract", site.url("/news"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["source"] == site.url("/news")
    assert doc["metadata"]["title"] == "Port strike ends after marathon talks"
    assert doc["metadata"]["date"] == "2024-03-14"
    assert doc["article_date"] == "2024-03-14"
    assert doc["date_source"] == "page metadata"


def test_cli_refusal_is_one_clear_line(site: LocalSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(Settings.from_env({}), ["extract", site.url("/news"), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: refused link: 127.0.0.1 is a loopback address")
    assert "Traceback" not in err
