"""Recognising links and checking their shape before any fetch."""

from __future__ import annotations

import pytest

from bot.errors import BlockedAddress, UnsafeLink
from bot.settings import Settings
from bot.sources import is_url
from bot.sources.links import check_url

DEFAULT = Settings.from_env({})


@pytest.mark.parametrize(("text", "expected"), [
    ("https://example.org/news/story", True),
    ("  http://example.org  ", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("<https://example.org/news>", True),  # Discord's no-preview form
    ("ftp://example.org/file", True),  # a link, refused later with a clear message
    ("article.txt", False),
    ("/home/me/article.html", False),
    ("see https://example.org for details", False),
    ("example.org/news", False),
    ("", False),
])
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


@pytest.mark.parametrize("url", [
    "https://example.org/news/story?id=3",
    "http://example.org:80/",
    "https://example.org:443/a#section",
    "https://bücher.example/artikel",
])
def test_allowed_links(url: str) -> None:
    parsed = check_url(url, DEFAULT)
    assert parsed.fragment == ""


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://example.org/file", "only http and https links are fetched, not ftp"),
    ("file:///etc/passwd", "only http and https links are fetched, not file"),
    ("javascript://alert(1)", "only http and https"),
    ("http://user:pass@example.org/", "user name or password"),
    ("http://user@example.org/", "user name or password"),
    ("http://example.org:8080/", "port 8080 is not allowed"),
    ("http://example.org:22/", "port 22 is not allowed"),
    ("http:///news", "no host name"),
    ("http://example.org:99999/", "not a valid link"),
    ("http://example.org/" + "a" * 3000, "characters long"),
])
def test_refused_links(url: str, message: str) -> None:
    with pytest.raises(UnsafeLink, match=message):
        check_url(url, DEFAULT)


def test_angle_brackets_are_removed() -> None:
    assert str(check_url(" <https://example.org/news> ", DEFAULT)) == "https://example.org/news"


def test_fetch_allowed_ports_adds_ports() -> None:
    settings = Settings.from_env({"FETCH_ALLOWED_PORTS": "8080, 8443"})
    assert check_url("http://example.org:8080/", settings).port == 8080
    with pytest.raises(UnsafeLink, match=r"allowed: 80, 443, 8080, 8443"):
        check_url("http://example.org:9000/", settings)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://[::1]/", "http://[::ffff:7f00:1]/", "http://192.168.0.10/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1%25eth0]/",
])
def test_ip_literals_checked_before_fetching(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_url(url, DEFAULT)


@pytest.mark.parametrize(("url", "shown"), [
    ("http://2130706433/", "127.0.0.1"), ("http://0x7f.1/", "127.0.0.1"), ("http://127.1/", "127.0.0.1"),
    ("http://0251.0376.0251.0376/", "169.254.169.254"), ("http://2852039166/", "169.254.169.254"),
])
def test_legacy_numeric_hosts_are_checked_as_addresses(url: str, shown: str) -> None:
    with pytest.raises(BlockedAddress, match=shown):
        check_url(url, Settings.from_env({"ALLOW_PRIVATE_URLS": "0"}))


def test_legacy_numeric_public_host_asks_for_dotted_form() -> None:
    with pytest.raises(UnsafeLink, match=r"usual dotted form \(8\.8\.8\.8\)"):
        check_url("http://134744072/", DEFAULT)


def test_link_local_literal_refused_even_when_private_allowed() -> None:
    settings = Settings.from_env({"ALLOW_PRIVATE_URLS": "1"})
    assert check_url("http://127.0.0.1/", settings).host == "127.0.0.1"
    with pytest.raises(BlockedAddress, match="link-local"):
        check_url("http://169.254.169.254/", settings)
