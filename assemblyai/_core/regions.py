"""Where each AssemblyAI product is served, per region (pure).

``aai.settings.region = "eu"`` moves every host together: the REST API, v3 streaming, LLM
Gateway and the synchronous API. A host the user set explicitly stays where it is; the hosts
still at their default carry the :class:`RegionDefault` mark, so the settings can tell the two
apart when the region changes.

The EU hosts of the REST API, streaming and LLM Gateway are the ones AssemblyAI documents. The
synchronous API documents no EU host; ``sync.eu.assemblyai.com`` follows the same naming and is
an assumption, which an explicit ``settings.sync_base_url`` overrides.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["REGIONS", "RegionDefault", "RegionHosts", "check_region", "hosts_for"]


class RegionHosts(NamedTuple):
    """The default address of each product in one region."""

    base_url: str
    streaming_host: str
    llm_gateway_base_url: str
    sync_base_url: str


REGIONS: dict[str, RegionHosts] = {
    "us": RegionHosts(
        base_url="https://api.assemblyai.com",
        streaming_host="streaming.assemblyai.com",
        llm_gateway_base_url="https://llm-gateway.assemblyai.com",
        sync_base_url="https://sync.assemblyai.com",
    ),
    "eu": RegionHosts(
        base_url="https://api.eu.assemblyai.com",
        streaming_host="streaming.eu.assemblyai.com",
        llm_gateway_base_url="https://llm-gateway.eu.assemblyai.com",
        sync_base_url="https://sync.eu.assemblyai.com",
    ),
}


class RegionDefault(str):
    """A host that nobody chose: it follows ``settings.region``.

    Any value assigned by the user is a plain ``str``, so the mark goes away with it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return str.__repr__(self)

    def __reduce__(self) -> tuple[type[RegionDefault], tuple[str]]:
        return (RegionDefault, (str(self),))


def check_region(region: object) -> str:
    """The region's canonical name, or ``ValueError`` naming the regions there are."""
    if isinstance(region, str) and region.strip().lower() in REGIONS:
        return region.strip().lower()
    raise ValueError(f"settings.region must be one of {sorted(REGIONS)}, got {region!r}.")


def hosts_for(region: str) -> dict[str, RegionDefault]:
    """The default hosts of ``region``, each marked as a default, by settings field name."""
    hosts = REGIONS[check_region(region)]
    return {name: RegionDefault(value) for name, value in hosts._asdict().items()}
