"""Who may read ``/metrics``: addresses and networks from ``CHORUS_METRICS_FROM``."""

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

LOCAL_ONLY = "127.0.0.1,::1"


class BadMetricsAddress(ValueError):
    """CHORUS_METRICS_FROM names something that is not an address or network."""


def networks(setting: str) -> tuple[Network, ...]:
    """Parse a comma-separated list of addresses and CIDR networks; raise on any bad one."""
    found = []
    for part in (piece.strip() for piece in setting.split(",")):
        if not part:
            continue
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError as error:
            raise BadMetricsAddress(
                f"CHORUS_METRICS_FROM: {part!r} is not an address or network ({error})."
            ) from None
    return tuple(found)


def allowed(address: str | None, permitted: Iterable[Network]) -> bool:
    """True when the client address lies in one of the permitted networks."""
    if not address:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(client in network for network in permitted)
