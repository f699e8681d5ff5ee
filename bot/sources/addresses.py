"""The address policy for fetching links: which IP addresses the bot may connect to.

Rules as data: ``data/special_addresses.txt`` lists every special-purpose range of the IANA IPv4 and IPv6
registries (and the multicast, deprecated and unallocated ones) with a category; the most specific range
holding an address decides. Link-local, unspecified, multicast, documentation and reserved ranges are refused
always; loopback and private ranges only unless ``ALLOW_PRIVATE_URLS=1``. IPv6 addresses that embed an IPv4
address (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 well-known and local-use, 6to4, Teredo) are
judged first by the IPv4 address they carry, then by their own range.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from pathlib import Path

from bot.errors import BlockedAddress

IPAddress = IPv4Address | IPv6Address
_Network = IPv4Network | IPv6Network

TABLE_PATH = Path(__file__).parent / "data" / "special_addresses.txt"

# Category -> why it is refused (None: may be fetched). The words are what users read.
REASONS: dict[str, str | None] = {
    "global": None,
    "loopback": "a loopback address",
    "private": "a private network address",
    "link-local": "a link-local address (this range holds cloud metadata services)",
    "unspecified": "an unspecified address",
    "multicast": "a multicast address",
    "broadcast": "a broadcast or reserved address",
    "reserved": "a reserved (not publicly routable) address",
    "documentation": "a documentation or benchmarking address",
    "benchmarking": "a documentation or benchmarking address",
}
# Refused unless ALLOW_PRIVATE_URLS=1 (tests, internal deployments).
PRIVATE_CATEGORIES = frozenset({"loopback", "private"})


@dataclass(frozen=True, slots=True)
class AddressRange:
    """One row of the table: a range, its category, how it embeds IPv4 ("-" for not), and its name."""

    network: _Network
    category: str
    embeds: str
    name: str


def _bits(value: int, start: int, end: int) -> int:
    """Return bits ``start`` to ``end`` (exclusive, 0 = most significant) of a 128-bit value."""
    return (value >> (128 - end)) & ((1 << (end - start)) - 1)


def _low32(address: IPv6Address) -> list[IPv4Address]:
    return [IPv4Address(int(address) & 0xFFFFFFFF)]


def _rfc6052(address: IPv6Address) -> list[IPv4Address]:
    """Return the IPv4 address under every RFC 6052 layout (prefix /48, /56, /64, /96) the address fits.

    The operator's prefix length is not known from outside, so every layout that fits is judged.
    """
    n = int(address)
    found: list[IPv4Address] = []
    if _bits(n, 64, 72) == 0:  # the "u" octet of the shorter layouts is always zero
        layouts = (  # (IPv4 value, suffix that must be zero)
            (_bits(n, 48, 64) << 16 | _bits(n, 72, 88), _bits(n, 88, 128)),
            (_bits(n, 56, 64) << 24 | _bits(n, 72, 96), _bits(n, 96, 128)),
            (_bits(n, 72, 104), _bits(n, 104, 128)),
        )
        found = [IPv4Address(v4) for v4, suffix in layouts if suffix == 0]
    low = _bits(n, 96, 128)
    if low or not found:  # 0.0.0.0 in the /96 layout only says a shorter layout is meant
        found.append(IPv4Address(low))
    return found


def _sixtofour(address: IPv6Address) -> list[IPv4Address]:
    return [address.sixtofour] if address.sixtofour is not None else []


def _teredo(address: IPv6Address) -> list[IPv4Address]:
    return list(address.teredo) if address.teredo is not None else []


EMBEDDINGS: dict[str, Callable[[IPv6Address], list[IPv4Address]]] = {
    "low32": _low32, "rfc6052": _rfc6052, "6to4": _sixtofour, "teredo": _teredo,
}


def _parse_row(line: str) -> AddressRange:
    cidr, category, embeds, name = line.split(None, 3)
    if category not in REASONS or (embeds != "-" and embeds not in EMBEDDINGS):
        raise ValueError(f"{TABLE_PATH.name}: unknown category or embedding in {line!r}")
    return AddressRange(ipaddress.ip_network(cidr), category, embeds, name.strip())


@cache
def address_table() -> tuple[AddressRange, ...]:
    """Return the rows of the special-purpose table, most specific first."""
    rows = [_parse_row(line) for raw in TABLE_PATH.read_text(encoding="utf-8").splitlines()
            if (line := raw.strip()) and not line.startswith("#")]
    return tuple(sorted(rows, key=lambda r: -r.network.prefixlen))


def address_range(address: IPAddress) -> AddressRange:
    """Return the most specific row of the table that holds ``address``."""
    for row in address_table():
        if row.network.version == address.version and address in row.network:
            return row
    raise AssertionError(f"{TABLE_PATH.name} has no default row for IPv{address.version}")


def embedded_ipv4s(address: IPAddress) -> list[IPv4Address]:
    """Return the IPv4 addresses an IPv6 address carries (every form its range is known to embed)."""
    if isinstance(address, IPv4Address):
        return []
    row = address_range(address)
    return EMBEDDINGS[row.embeds](address) if row.embeds != "-" else []


def embedded_ipv4(address: IPAddress) -> IPv4Address | None:
    """Return the (first) IPv4 address an IPv6 address carries, if any."""
    found = embedded_ipv4s(address)
    return found[0] if found else None


def refusal_reason(address: IPAddress, *, allow_private: bool) -> str | None:
    """Return why the bot may not connect to ``address`` (None when it may)."""
    row = address_range(address)
    for inner in embedded_ipv4s(address):
        reason = refusal_reason(inner, allow_private=allow_private)
        if reason is not None:
            return f"{reason}, as {inner} inside an IPv6 address ({row.name})"
    if row.category in PRIVATE_CATEGORIES and allow_private:
        return None
    reason = REASONS[row.category]
    return None if reason is None else f"{reason}: {row.name}"


def check_address(address: IPAddress | str, *, allow_private: bool, host: str | None = None) -> None:
    """Raise :class:`BlockedAddress` when the bot may not connect to ``address``."""
    ip = ipaddress.ip_address(address.split("%", 1)[0]) if isinstance(address, str) else address
    reason = refusal_reason(ip, allow_private=allow_private)
    if reason is None:
        return
    where = f"{host} is at {ip}," if host and host != str(ip) else f"{ip} is"
    # Hint at the setting only when it would help (not for a loopback address inside a deprecated form).
    helps = not allow_private and refusal_reason(ip, allow_private=True) is None
    hint = " (allowed only with ALLOW_PRIVATE_URLS=1)" if helps else ""
    raise BlockedAddress(f"refused link: {where} {reason}, which the bot does not fetch from{hint}")
