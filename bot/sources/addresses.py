"""The address policy for fetching links: which IP addresses the bot may connect to.

Rules as data: each table below names a range and why it is refused. Link-local, unspecified, multicast and
reserved ranges are refused always; loopback and private ranges only unless ``ALLOW_PRIVATE_URLS=1``.
IPv6 addresses that embed an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4
``2002::/16``) are judged by the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

from bot.errors import BlockedAddress

IPAddress = IPv4Address | IPv6Address
_Network = IPv4Network | IPv6Network


def _nets(*cidrs: str) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(c) for c in cidrs)


# Refused even with ALLOW_PRIVATE_URLS=1. Order matters only for the wording of the message.
ALWAYS_REFUSED: tuple[tuple[str, tuple[_Network, ...]], ...] = (
    ("a link-local address (this range holds cloud metadata services)", _nets("169.254.0.0/16", "fe80::/10")),
    ("an unspecified address", _nets("0.0.0.0/8", "::/128")),
    ("a multicast address", _nets("224.0.0.0/4", "ff00::/8")),
    ("a broadcast or reserved address", _nets("240.0.0.0/4", "192.0.0.0/24", "fec0::/10", "100::/64",
                                               "2001::/23")),
    ("a documentation or benchmarking address", _nets("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
                                                      "198.18.0.0/15", "2001:db8::/32")),
)

# Refused unless ALLOW_PRIVATE_URLS=1 (tests, internal deployments).
PRIVATE: tuple[tuple[str, tuple[_Network, ...]], ...] = (
    ("a loopback address", _nets("127.0.0.0/8", "::1/128")),
    ("a private network address", _nets("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
                                        "fc00::/7")),
)

_PRIVATE_REASONS = tuple(reason for reason, _ in PRIVATE)
_NAT64 = IPv6Network("64:ff9b::/96")


def embedded_ipv4(address: IPAddress) -> IPv4Address | None:
    """Return the IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any."""
    if isinstance(address, IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def refusal_reason(address: IPAddress, *, allow_private: bool) -> str | None:
    """Return why the bot may not connect to ``address`` (None when it may)."""
    inner = embedded_ipv4(address)
    if inner is not None:
        reason = refusal_reason(inner, allow_private=allow_private)
        return None if reason is None else f"{reason}, inside an IPv6 address"
    for reason, networks in ALWAYS_REFUSED:
        if any(address in net for net in networks if net.version == address.version):
            return reason
    for reason, networks in PRIVATE:
        if any(address in net for net in networks if net.version == address.version):
            return None if allow_private else reason
    if not address.is_global:
        # Anything else the registries do not list as globally reachable (IETF special-purpose ranges).
        return "a reserved (not publicly routable) address"
    return None


def check_address(address: IPAddress | str, *, allow_private: bool, host: str | None = None) -> None:
    """Raise :class:`BlockedAddress` when the bot may not connect to ``address``."""
    ip = ipaddress.ip_address(address.split("%", 1)[0]) if isinstance(address, str) else address
    reason = refusal_reason(ip, allow_private=allow_private)
    if reason is None:
        return
    where = f"{host} is at {ip}," if host and host != str(ip) else f"{ip} is"
    hint = " (allowed only with ALLOW_PRIVATE_URLS=1)" if reason.startswith(_PRIVATE_REASONS) else ""
    raise BlockedAddress(f"refused link: {where} {reason}, which the bot does not fetch from{hint}")
