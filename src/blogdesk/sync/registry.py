"""The providers BlogDesk knows: the built-in ones plus the `blogdesk.providers` entry-point group.

A third-party package adds a platform by declaring, in its pyproject.toml,
`[project.entry-points."blogdesk.providers"] myblog = "mypackage.provider:MyBlogProvider"`.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import entry_points

from blogdesk.sync.provider import BlogProvider, UnsupportedError

log = logging.getLogger(__name__)

# provider id -> "module:Class" of the providers shipped with BlogDesk (imported on first use).
BUILTIN: dict[str, str] = {
    "wordpress": "blogdesk.sync.providers.wordpress.provider:WordPressProvider",
    "xmlrpc": "blogdesk.sync.providers.xmlrpc.provider:XmlRpcProvider",
    "static": "blogdesk.sync.providers.static.provider:StaticSiteProvider",
    "forem": "blogdesk.sync.providers.forem:ForemProvider",
    "ghost": "blogdesk.sync.providers.ghost.provider:GhostProvider",
    "micropub": "blogdesk.sync.providers.micropub.provider:MicropubProvider",
    "blogger": "blogdesk.sync.providers.blogger:BloggerProvider",
}

ENTRY_POINT_GROUP = "blogdesk.providers"


def _load(target: str) -> type[BlogProvider]:
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    cls: type[BlogProvider] = getattr(module, attr)
    return cls


def available() -> dict[str, type[BlogProvider]]:
    """Every provider that loads, by id. A broken plugin is logged and skipped, never fatal."""
    found: dict[str, type[BlogProvider]] = {}
    for provider_id, target in BUILTIN.items():
        try:
            found[provider_id] = _load(target)
        except (ImportError, AttributeError) as exc:
            log.warning("built-in provider %s is not available: %s", provider_id, exc)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            continue  # built-ins win: a plugin cannot replace them by accident
        try:
            cls = ep.load()
        except Exception as exc:  # a third-party plugin may fail in any way
            log.warning("provider plugin %s could not be loaded: %s", ep.name, exc)
            continue
        found[ep.name] = cls
    return found


def get(provider_id: str) -> type[BlogProvider]:
    """The provider class for an id, or UnsupportedError naming the ones there are."""
    if provider_id in BUILTIN:
        try:
            return _load(BUILTIN[provider_id])
        except (ImportError, AttributeError) as exc:
            raise UnsupportedError(
                f"The {provider_id} provider could not be loaded ({exc})."
            ) from None
    providers = available()
    try:
        return providers[provider_id]
    except KeyError:
        known = ", ".join(sorted(providers)) or "none"
        raise UnsupportedError(
            f"BlogDesk has no provider called {provider_id!r} (available: {known})."
        ) from None


def needs_secret(provider_id: str) -> bool:
    """Whether accounts of this provider have a secret (a site folder, for one, has none)."""
    try:
        cls = get(provider_id)
    except UnsupportedError:
        return True
    return any(getattr(f, "secret", False) for f in getattr(cls, "account_fields", ()))
