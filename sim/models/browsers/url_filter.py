"""Edge's (and Chrome's) URL list filter format, as used by ``AutoOpenAllowedForURLs``.

Source: "Filter format for URL list-based policies",
https://learn.microsoft.com/en-us/deployedge/edge-learnmmore-url-list-filter-format
(the same format as Chromium's https://chromium.org/administrators/url-blocklist-filter-format).

Rule: a filter is ``[scheme://][.]host[:port][/path][@query]``.
1. ``scheme``, when given, must equal the URL's scheme.
2. ``host`` is required. ``*`` matches every host. A plain host matches itself
   and its subdomains; a leading ``.`` matches the host exactly. A trailing ``/``
   or ``.`` after the host is ignored; ``user:pass@`` and ``#fragment`` are ignored.
3. ``port``, when given, must equal the URL's port (the scheme's default when the
   URL gives none).
4. ``path`` matches by prefix, not by segment (``a.com/team`` matches ``/teamwork``).
5. Each query token (``key=value`` or ``key``, ``*`` at the end for a prefix) must
   be in the URL's query; token order is ignored.
An allow-only list (AutoOpenAllowedForURLs has no block list to weigh against)
allows a URL when any filter matches. A filter that cannot be read matches nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

__all__ = ["UrlFilter", "matches", "matches_any", "parse_filter"]

_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443}


@dataclass(frozen=True, slots=True)
class UrlFilter:
    """A parsed filter; ``host`` is ``"*"`` for every host."""

    scheme: str | None
    host: str
    exact_host: bool
    port: int | None
    path: str
    query: tuple[str, ...]


def parse_filter(text: str) -> UrlFilter | None:
    """Read one filter (Rules 1-5); ``None`` when it is not a filter."""
    rest = text.strip().split("#", 1)[0]
    scheme: str | None = None
    if "://" in rest:
        scheme, rest = rest.split("://", 1)
        scheme = scheme.lower()
    authority, slash, path = rest.partition("/")
    query = ""
    if "@" in path:
        path, _, query = path.partition("@")
    elif "@" in authority:
        before, _, after = authority.rpartition("@")
        if _looks_like_host(after):
            authority = after  # user:pass@host: the credentials are ignored
        else:
            authority, query = before, after
    exact = authority.startswith(".")
    host, _, port_text = authority.removeprefix(".").partition(":")
    host = host.rstrip(".").lower()
    if not host:
        return None
    port: int | None = None
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            return None
        port = int(port_text)
    return UrlFilter(
        scheme=scheme,
        host=host,
        exact_host=exact,
        port=port,
        path=slash + path if path else "",
        query=tuple(token for token in query.split("&") if token),
    )


def _looks_like_host(text: str) -> bool:
    """Tell ``user:pass@host`` from ``host@query``: a query has ``=``, ``&`` or no dot."""
    name = text.split(":", 1)[0]
    return "=" not in text and "&" not in text and ("." in name or name in ("*", "localhost"))


def _host_matches(rule: UrlFilter, host: str) -> bool:
    if rule.host == "*":
        return True
    if host == rule.host:
        return True
    return not rule.exact_host and host.endswith("." + rule.host)


def _query_matches(tokens: tuple[str, ...], query: str) -> bool:
    have = [t for t in query.split("&") if t]
    for token in tokens:
        if token.endswith("*"):
            if not any(h.startswith(token[:-1]) for h in have):
                return False
        elif token not in have:
            return False
    return True


def matches(rule: UrlFilter, url: str) -> bool:
    """Whether ``url`` matches ``rule`` (Rules 1-5)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return False
    return (
        (rule.scheme is None or rule.scheme == scheme)
        and _host_matches(rule, (parts.hostname or "").rstrip("."))
        and (rule.port is None or rule.port == port)
        and (parts.path or "/").startswith(rule.path)
        and _query_matches(rule.query, parts.query)
    )


def matches_any(filters: Sequence[str], url: str) -> str | None:
    """The first filter in ``filters`` that matches ``url``, or ``None``."""
    for text in filters:
        rule = parse_filter(text)
        if rule is not None and matches(rule, url):
            return text
    return None
