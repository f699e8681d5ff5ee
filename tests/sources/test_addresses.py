"""The address policy on tables of IPv4, IPv6 and IPv4-mapped addresses."""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from bot.errors import BlockedAddress
from bot.sources.addresses import check_address, embedded_ipv4, refusal_reason

PUBLIC = [
    "93.184.216.34", "8.8.8.8", "1.1.1.1", "151.101.1.69",
    "2606:4700:4700::1111", "2a00:1450:4009:81f::200e",
    "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
]
# Refused by default, allowed with ALLOW_PRIVATE_URLS=1.
PRIVATE = [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("172.31.255.255", "private"),
    ("192.168.1.1", "private"), ("100.64.0.1", "private"), ("fd12:3456:789a::1", "private"),
    ("fc00::1", "private"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("::ffff:192.168.0.1", "private"),
    ("64:ff9b::7f00:1", "loopback"), ("2002:c0a8:101::1", "private"),
]
# Refused always, even with ALLOW_PRIVATE_URLS=1.
ALWAYS = [
    ("169.254.169.254", "link-local"), ("169.254.0.1", "link-local"), ("fe80::1", "link-local"),
    ("febf::1", "link-local"), ("::ffff:169.254.169.254", "link-local"), ("64:ff9b::a9fe:a9fe", "link-local"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"), ("::", "unspecified"),
    ("::ffff:0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("::ffff:224.0.0.251", "multicast"),
    ("255.255.255.255", "reserved"), ("240.0.0.1", "reserved"), ("192.0.0.8", "reserved"),
    ("fec0::1", "reserved"), ("100::1", "reserved"),
    ("192.0.2.10", "documentation"), ("198.51.100.7", "documentation"), ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"), ("2001:db8::1", "documentation"),
]


@pytest.mark.parametrize("address", PUBLIC)
@pytest.mark.parametrize("allow_private", [False, True])
def test_public_addresses_are_allowed(address: str, allow_private: bool) -> None:
    assert refusal_reason(ip_address(address), allow_private=allow_private) is None
    check_address(address, allow_private=allow_private)


@pytest.mark.parametrize(("address", "kind"), PRIVATE)
def test_private_addresses_refused_by_default(address: str, kind: str) -> None:
    with pytest.raises(BlockedAddress, match=kind) as caught:
        check_address(address, allow_private=False)
    assert "ALLOW_PRIVATE_URLS=1" in str(caught.value)


@pytest.mark.parametrize(("address", "kind"), PRIVATE)
def test_private_addresses_allowed_with_the_setting(address: str, kind: str) -> None:
    check_address(address, allow_private=True)


@pytest.mark.parametrize(("address", "kind"), ALWAYS)
@pytest.mark.parametrize("allow_private", [False, True])
def test_always_refused_addresses(address: str, kind: str, allow_private: bool) -> None:
    with pytest.raises(BlockedAddress, match=kind) as caught:
        check_address(address, allow_private=allow_private)
    assert "ALLOW_PRIVATE_URLS" not in str(caught.value), "no hint to a setting that would not help"


def test_scope_id_is_ignored() -> None:
    with pytest.raises(BlockedAddress, match="link-local"):
        check_address("fe80::1%eth0", allow_private=True)


def test_message_names_host_and_address() -> None:
    with pytest.raises(BlockedAddress) as caught:
        check_address("169.254.169.254", allow_private=False, host="metadata.internal")
    assert str(caught.value).startswith("refused link: metadata.internal is at 169.254.169.254, a link-local")


@pytest.mark.parametrize(("address", "inner"), [
    ("::ffff:169.254.169.254", "169.254.169.254"),
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"),
    ("2002:a9fe:a9fe::", "169.254.169.254"),
    ("2606:4700:4700::1111", None),
    ("10.0.0.1", None),
])
def test_embedded_ipv4(address: str, inner: str | None) -> None:
    found = embedded_ipv4(ip_address(address))
    assert (str(found) if found else None) == inner
