"""Uploads and local files: accepted types, refusals, charsets, Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import EmptyInput, InputTooLarge, NotText, Paywalled, UnsupportedFile
from bot.settings import Settings
from bot.sources import ACCEPTED_EXTENSIONS, read_upload
from bot.sources.markdown import markdown_to_text

PAGES = Path(__file__).parent / "pages"
SETTINGS = Settings.from_env({})
ARTICLE = "“The bridge opens in May,” the mayor, Ana Costa, said.\n\nWork began in 2022."


def test_accepted_extensions() -> None:
    assert ACCEPTED_EXTENSIONS == {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                                   ".htm": "html"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_upload_in_any_common_charset(encoding: str) -> None:
    article = read_upload("story.txt", ARTICLE.encode(encoding), SETTINGS)
    assert article.text == ARTICLE
    assert (article.filename, article.content_type, article.url) == ("story.txt", "text/plain", None)


def test_windows_line_ends_become_newlines() -> None:
    article = read_upload("STORY.TXT", ARTICLE.replace("\n", "\r\n").encode(), SETTINGS)
    assert article.text == ARTICLE


@pytest.mark.parametrize("filename", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_upload_reads_main_text_and_metadata(filename: str) -> None:
    article = read_upload(filename, (PAGES / "news.html").read_bytes(), SETTINGS)
    assert article.text.startswith("Dock workers at the city's container port")
    assert "Comments" not in article.text
    assert article.date == "2024-03-14"
    assert article.title == "Port strike ends after marathon talks"
    assert article.content_type == "text/html"
    assert article.filename == filename


def test_html_upload_paywall_stub_is_refused() -> None:
    with pytest.raises(Paywalled):
        read_upload("stub.html", (PAGES / "paywall.html").read_bytes(), SETTINGS)


def test_markdown_upload_loses_its_markup() -> None:
    md = ("# Bridge opens\n\n*By* **Ana Writer**\n\n> “The bridge opens in May,” the "
          "[mayor](https://x.example), Ana Costa, said.\n\n![photo](bridge.jpg)\n\n---\n\n"
          "Work began in `2022`.\n")
    article = read_upload("notes.md", md.encode(), SETTINGS)
    assert article.text == ("Bridge opens\n\nBy Ana Writer\n\n“The bridge opens in May,” the mayor, "
                            "Ana Costa, said.\n\nWork began in 2022.")
    assert article.content_type == "text/markdown"


def test_a_markdown_file_is_read_as_markdown() -> None:
    article = read_upload("notes.markdown", b"# Bridge opens\n\n**Ana Costa** said it opens in May.\n", SETTINGS)
    assert article.text == "Bridge opens\n\nAna Costa said it opens in May."
    assert article.content_type == "text/markdown"


def test_markdown_keeps_snake_case_and_lone_asterisks() -> None:
    text = "the file_name_here costs 3 * 4 dollars"
    assert markdown_to_text(text) == text


@pytest.mark.parametrize(("filename", "named"), [
    ("report.pdf", ".pdf files are not read"),
    ("photo.JPG", ".jpg files are not read"),
    ("story.docx", ".docx files are not read"),
    ("README", "files without an extension are not read"),
])
def test_other_types_are_refused_naming_the_extension(filename: str, named: str) -> None:
    with pytest.raises(UnsupportedFile, match=named) as caught:
        read_upload(filename, b"%PDF-1.4", SETTINGS)
    assert ".txt, .md, .markdown, .html, .htm" in str(caught.value)


def test_upload_over_the_cap_is_refused() -> None:
    settings = Settings.from_env({"MAX_UPLOAD_BYTES": "1000"})
    with pytest.raises(InputTooLarge, match=r"1,001 bytes; the limit \(MAX_UPLOAD_BYTES\) is 1,000"):
        read_upload("long.txt", b"a" * 1001, settings)


def test_empty_upload_is_refused() -> None:
    with pytest.raises(EmptyInput, match=r"empty\.txt is empty"):
        read_upload("empty.txt", b"  \n", SETTINGS)


def test_binary_renamed_to_txt_is_refused() -> None:
    with pytest.raises(NotText, match="binary"):
        read_upload("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", SETTINGS)


def test_long_filenames_are_shortened_in_messages() -> None:
    with pytest.raises(UnsupportedFile) as caught:
        read_upload("x" * 300 + ".exe", b"MZ", SETTINGS)
    assert len(str(caught.value)) < 200
