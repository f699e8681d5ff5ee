"""Hostile fetch targets, one row each: an address, what it is refused as by default, and with
ALLOW_PRIVATE_URLS=1 (None: allowed). The next gap found is one new row.

Every IPv6 form that embeds an IPv4 address is judged by that address, and ranges newer than the
interpreter's ``is_global`` table come from the repository's own table.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest

from bot.errors import BlockedAddress
from bot.settings import Settings
from bot.sources.addresses import address_table, check_address, embedded_ipv4s, refusal_reason
from bot.sources.links import check_url

# (address, refused by default as, refused with ALLOW_PRIVATE_URLS=1 as); None = allowed.
ROWS: list[tuple[str, str | None, str | None]] = [
    # IPv4-compatible ::/96 (deprecated): judged by the IPv4 inside, and refused even when that is public.
    ("::127.0.0.1", "loopback", "reserved"),
    ("::a9fe:a9fe", "link-local", "link-local"),
    ("::10.0.0.1", "private", "reserved"),
    ("::8.8.8.8", "reserved", "reserved"),
    # IPv4-translated (SIIT) ::ffff:0:0:0/96.
    ("::ffff:0:7f00:1", "loopback", "reserved"),
    ("::ffff:0:a9fe:a9fe", "link-local", "link-local"),
    # IPv4-mapped ::ffff:0:0/96.
    ("::ffff:127.0.0.1", "loopback", None),
    ("::ffff:169.254.169.254", "link-local", "link-local"),
    ("::ffff:8.8.8.8", None, None),
    # NAT64 well-known 64:ff9b::/96 and local-use 64:ff9b:1::/48 (every RFC 6052 layout).
    ("64:ff9b::a9fe:a9fe", "link-local", "link-local"),
    ("64:ff9b::808:808", None, None),
    ("64:ff9b:1::a9fe:a9fe", "link-local", "link-local"),
    ("64:ff9b:1::7f00:1", "loopback", None),
    # /48 layout of 127.0.0.1; it also fits /56 and /64 as 0.0.1.0 and 0.1.0.0: every fitting layout is judged.
    ("64:ff9b:1:7f00:0:100::", "loopback", "unspecified"),
    ("64:ff9b:1:a9:fe:a9fe::", "link-local", "link-local"),  # /56 layout of 169.254.169.254
    ("64:ff9b:1:0:8:808:800:0", None, None),  # /64 layout of 8.8.8.8
    ("64:ff9b:1::808:808", None, None),
    # 6to4 2002::/16 and Teredo 2001::/32 (server and client, the client obfuscated).
    ("2002:a9fe:a9fe::1", "link-local", "link-local"),
    ("2002:7f00:1::1", "loopback", None),
    ("2002:808:808::1", None, None),
    ("2001:0:a9fe:a9fe::1", "link-local", "link-local"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback", "reserved"),  # client 127.0.0.1
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation", "documentation"),  # client 192.0.2.45
    # Special-purpose ranges newer than Python 3.11's table, or left out of it.
    ("192.88.99.1", "reserved", "reserved"),  # deprecated 6to4 relay anycast
    ("192.31.196.1", "reserved", "reserved"),  # AS112
    ("192.175.48.1", "reserved", "reserved"),
    ("192.52.193.1", "reserved", "reserved"),  # AMT
    ("192.0.0.9", "reserved", "reserved"),  # PCP anycast: answered by the local gateway
    ("5f00::1", "reserved", "reserved"),  # segment routing SIDs
    ("3fff::1", "documentation", "documentation"),
    ("3fff:fff::1", "documentation", "documentation"),
    ("100:0:0:1::1", "reserved", "reserved"),  # dummy prefix
    ("2001:4:112::1", "reserved", "reserved"),  # AS112-v6
    ("2620:4f:8000::1", "reserved", "reserved"),
    ("2001:1::1", "reserved", "reserved"),  # PCP anycast
    ("4000::1", "reserved", "reserved"),  # outside 2000::/3: unallocated
    ("::2", "unspecified", "unspecified"),
    # Still allowed.
    ("8.8.8.8", None, None),
    ("2606:4700:4700::1111", None, None),
    ("3000::1", None, None),
]


@pytest.mark.parametrize(("address", "default", "with_private"), ROWS)
def test_hostile_address(address: str, default: str | None, with_private: str | None) -> None:
    for allow_private, expected in ((False, default), (True, with_private)):
        if expected is None:
            check_address(address, allow_private=allow_private)
            continue
        with pytest.raises(BlockedAddress, match=expected) as caught:
            check_address(address, allow_private=allow_private)
        helps = not allow_private and with_private is None
        assert ("ALLOW_PRIVATE_URLS=1" in str(caught.value)) == helps, "hint only where the setting helps"


@pytest.mark.parametrize(("address", "default", "with_private"), [r for r in ROWS if r[1] is not None])
def test_hostile_address_in_a_link(address: str, default: str, with_private: str | None) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(BlockedAddress, match=default):
        check_url(f"http://{host}/story", Settings.from_env({}))


@pytest.mark.parametrize(("address", "inner"), [
    ("::127.0.0.1", ["127.0.0.1"]),
    ("::ffff:0:7f00:1", ["127.0.0.1"]),
    ("64:ff9b:1:7f00:0:100::", ["127.0.0.1", "0.0.1.0", "0.1.0.0"]),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", ["65.54.227.120", "192.0.2.45"]),
    ("2606:4700:4700::1111", []),
])
def test_every_embedding_is_found(address: str, inner: list[str]) -> None:
    assert [str(a) for a in embedded_ipv4s(ip_address(address))] == inner


def test_the_policy_does_not_consult_the_interpreters_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: object) -> bool:
        raise AssertionError("the address policy must come from data/special_addresses.txt")

    for cls in (IPv4Address, IPv6Address):
        for name in ("is_global", "is_private", "is_reserved"):
            monkeypatch.setattr(cls, name, property(fail))
    for address, default, _ in ROWS:
        assert (refusal_reason(ip_address(address), allow_private=False) is None) == (default is None)


def test_the_table_has_the_registry_rows() -> None:
    cidrs = {str(row.network) for row in address_table()}
    assert {"192.88.99.0/24", "5f00::/16", "3fff::/20", "64:ff9b:1::/48", "::/96", "0.0.0.0/0", "::/0"} <= cidrs
