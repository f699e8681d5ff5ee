"""Links: recognise them and check their shape (scheme, credentials, port, IP literal) before any fetch."""

from __future__ import annotations

import ipaddress
import re
import socket

from yarl import URL

from bot.errors import UnsafeLink
from bot.settings import Settings
from bot.sources.addresses import check_address

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = frozenset({80, 443})
MAX_URL_CHARS = 2048

_LEGACY_IPV4 = re.compile(r"[0-9a-fA-FxX.]+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")


def _unwrap(text: str) -> str:
    # Chat users write <https://...> to stop Discord from showing a preview.
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    return text


def is_url(text: str) -> bool:
    """Return True when ``text`` is one link (``scheme://...`` or ``<scheme://...>``), allowed or not."""
    return bool(_SCHEME.match(_unwrap(text)))


def allowed_ports(settings: Settings) -> frozenset[int]:
    """Return the ports links may use: 80 and 443, plus FETCH_ALLOWED_PORTS."""
    return DEFAULT_PORTS | settings.fetch_allowed_ports


def check_url(url: str | URL, settings: Settings) -> URL:
    """Return the parsed link, or raise :class:`UnsafeLink` / :class:`BlockedAddress` when it is refused."""
    raw = _unwrap(str(url))
    if len(raw) > MAX_URL_CHARS:
        raise UnsafeLink(f"refused link: it is {len(raw):,} characters long (the limit is {MAX_URL_CHARS:,})")
    try:
        parsed = URL(raw)
        scheme = parsed.scheme.lower()
        host = parsed.host
        port = parsed.port
    except (ValueError, UnicodeError) as exc:
        raise UnsafeLink(f"this is not a valid link ({exc})") from None
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "no scheme"
        raise UnsafeLink(f"refused link: only http and https links are fetched, not {shown}")
    if parsed.user is not None or parsed.password is not None:
        raise UnsafeLink("refused link: links with a user name or password in them are not fetched")
    if not host:
        raise UnsafeLink("this is not a valid link: it has no host name")
    # The address first: "127.0.0.1 is a loopback address" says more than "port 8080 is not allowed".
    literal = _ip_literal(host)
    if literal is not None:
        check_address(literal, allow_private=settings.allow_private_urls)
    else:
        legacy = _legacy_ipv4(host)
        if legacy is not None:
            # 2130706433, 0x7f.1, 127.1: old spellings the C library still maps onto an address.
            check_address(legacy, allow_private=settings.allow_private_urls, host=host)
            raise UnsafeLink(f"refused link: write the address {host} in the usual dotted form ({legacy})")
    if port is None or port not in allowed_ports(settings):
        listed = ", ".join(str(p) for p in sorted(allowed_ports(settings)))
        raise UnsafeLink(f"refused link: port {port} is not allowed (allowed: {listed}; "
                         "FETCH_ALLOWED_PORTS adds more)")
    return parsed.with_fragment(None)


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    if not _LEGACY_IPV4.fullmatch(host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None
