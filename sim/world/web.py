"""The virtual web: the responses a scenario serves, and what each client gets from them.

Rule 1 (resources): every URL a browser or handler may fetch is declared once
(``[[web]]``); an undeclared URL answers 404. URLs compare with their scheme and
host lower-cased, a default port dropped, the fragment removed and the path's
percent-encoding made canonical (a server decodes the path before it finds the file,
RFC 3986 section 6.2.2.2: ``%20`` and a space, ``%5B`` and ``[`` name the same file).
Rule 2 (redirects): 301, 302, 303, 307 and 308 with a ``Location`` are followed,
relative locations resolved against the request URL, at most 20 in a row
(Chromium's limit; beyond it the fetch fails).
Rule 3 (requirements): a resource may demand a session cookie, an HTTP
authentication scheme, or a minimum TLS version. A browser has the site's
cookies and answers every scheme; a handler started by ShellExecute has none of
the browser's cookies (lawrence-directinvoke, "App Should Avoid Depending On
Browser State"; kb-2019105, kb-932118) and answers only the schemes it
implements: .NET's ClickOnce, Windows integrated authentication (NTLM,
Negotiate), not Basic or Digest (vs-clickonce-server-config). Unmet: no cookie -> 403,
an unsupported scheme -> 401, an old TLS -> a failed handshake [inf: the
statuses a typical server gives].
Rule 4 (bytes): the body bytes each client receives are counted per client, so
a scenario can show DirectInvoke's saving against a download. A browser that
hands the URL to a handler stops after the headers (ie-directinvoke: the handler is used
"rather than downloading the file"), so the browser's fetch is counted only when
the browser reads the body (:meth:`Web.record`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from sim.errors import SimError

__all__ = [
    "BROWSER",
    "DOTNET",
    "SHELL",
    "Client",
    "FetchResult",
    "Requirements",
    "Resource",
    "Web",
    "WebError",
    "normalize_url",
]

REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS: Final = 20
TLS_VERSIONS: Final = ("1.0", "1.1", "1.2", "1.3")
AUTH_SCHEMES: Final = ("basic", "digest", "ntlm", "negotiate")
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
_ESCAPE: Final = re.compile(r"%[0-9A-Fa-f]{2}")
_ESCAPE_SPLIT: Final = re.compile(r"(%[0-9A-Fa-f]{2})")
_KEEP_ENCODED: Final = frozenset({"%2F", "%25", "%3F", "%23"})


class WebError(SimError, ValueError):
    """An invalid web declaration (a duplicate URL, an unknown scheme name)."""


def _canonical_path(path: str) -> str:
    """Rule 1: a path with every character percent-encoded the one way a server decodes
    it (``%20`` and a space, ``%5B`` and ``[`` are the same file); an encoded ``/``,
    ``%`` or ``?`` stays encoded, upper-case."""
    raw = bytearray()
    for part in _ESCAPE_SPLIT.split(path):
        if _ESCAPE.fullmatch(part):
            upper = part.upper()
            raw += upper.encode("ascii") if upper in _KEEP_ENCODED else bytes([int(part[1:], 16)])
        else:
            raw += part.encode("utf-8", "surrogatepass")
    return quote(bytes(raw), safe="/%!$&'()*+,;=:@-._~")


@functools.lru_cache(maxsize=4096)  # pure; every fetch and every declared URL asks
def normalize_url(url: str) -> str:
    """Return the form URLs are compared in (Rule 1)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    port = parts.port if parts.port != _DEFAULT_PORTS.get(scheme) else None
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((scheme, netloc, _canonical_path(parts.path or "/"), parts.query, ""))


INVALID_REDIRECT: Final = ("The server redirected to a URL that does not parse "
                           "(net::ERR_INVALID_REDIRECT)")
UNSAFE_REDIRECT: Final = ("The server redirected to a scheme a web request may not follow "
                          "(net::ERR_UNSAFE_REDIRECT)")


def redirect_target(current: str, location: str) -> tuple[str | None, str]:
    """Rule 2: the URL a ``Location`` leads to, or ``(None, the error)``.

    A location that does not parse (an unclosed IPv6 ``[``, a port past 65535) fails
    the fetch as Chromium's ERR_INVALID_REDIRECT; one leading off http and https
    (``file:``, ``data:``, ``ftp:``) as ERR_UNSAFE_REDIRECT, "a redirect to file:// is
    considered unsafe" (Chromium net/base/net_error_list.h, errors -303 and -311:
    https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h)
    [inf: IE, Edge Legacy and Firefox also refuse such redirects; their own messages
    are not modelled].
    """
    try:
        target = urljoin(current, location.strip())
        parts = urlsplit(target)
        parts.port  # noqa: B018 - a bad port raises here
        host = parts.hostname
    except ValueError:
        return None, INVALID_REDIRECT
    if parts.scheme.lower() not in ("http", "https"):
        return None, UNSAFE_REDIRECT
    if not host:
        return None, INVALID_REDIRECT
    return target, ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirements:
    """What a server demands of a client (Rule 3)."""

    cookie: bool = False
    auth: str | None = None  # basic | digest | ntlm | negotiate
    tls: str | None = None  # the lowest TLS version accepted: 1.0 .. 1.3

    def __post_init__(self) -> None:
        if self.auth is not None and self.auth not in AUTH_SCHEMES:
            raise WebError(f"requires.auth: expected one of {', '.join(AUTH_SCHEMES)}, "
                           f"found {self.auth!r}")
        if self.tls is not None and self.tls not in TLS_VERSIONS:
            raise WebError(f"requires.tls: expected one of {', '.join(TLS_VERSIONS)}, "
                           f"found {self.tls!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """One URL's response."""

    url: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    requires: Requirements = field(default_factory=Requirements)
    any_query: bool = False  # a static file: answered whatever the query string


@dataclass(frozen=True, slots=True, kw_only=True)
class Client:
    """Who fetches: its cookies, the authentication schemes it answers, its TLS."""

    name: str
    cookies: bool
    auth: frozenset[str]
    tls: str  # the highest TLS version it speaks


BROWSER: Final = Client(name="browser", cookies=True, auth=frozenset(AUTH_SCHEMES), tls="1.3")
# .NET's System.Deployment (dfsvc): Windows integrated authentication only
# (vs-clickonce-server-config); TLS 1.2 through Schannel on Windows 10 (dotnet-tls).
DOTNET: Final = Client(name="dfshim", cookies=False, auth=frozenset({"ntlm", "negotiate"}),
                       tls="1.2")
# The shell's own download to the Internet cache for a verb that takes no URL (URLMon):
# none of the browser's cookies [inf: WinINet shares IE's cookies only], integrated
# authentication, TLS 1.2.
SHELL: Final = Client(name="shell", cookies=False, auth=frozenset({"ntlm", "negotiate"}),
                      tls="1.2")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    """What a client got for a URL: the final URL, the status, the body, any failure."""

    url: str
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    error: str | None = None  # a transport failure or the server's refusal, as reported
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True for a 2xx answer with no error."""
        return self.error is None and 200 <= self.status < 300


def _refusal(requires: Requirements, client: Client) -> FetchResult | None:
    """The server's answer when the client misses a requirement (Rule 3), else None."""
    if requires.tls and TLS_VERSIONS.index(client.tls) < TLS_VERSIONS.index(requires.tls):
        return FetchResult(url="", status=0, error=(
            f"The TLS handshake failed: the server requires TLS {requires.tls}, "
            f"{client.name} speaks at most TLS {client.tls}"))
    if requires.auth and requires.auth not in client.auth:
        return FetchResult(url="", status=401, error=(
            f"The remote server returned an error: (401) Unauthorized: {client.name} "
            f"cannot answer {requires.auth} authentication"))
    if requires.cookie and not client.cookies:
        return FetchResult(url="", status=403, error=(
            f"The remote server returned an error: (403) Forbidden: the server requires a "
            f"session cookie, which {client.name} does not have"))
    return None


class Web:
    """The scenario's web: fetches by client, with the bytes each received."""

    __slots__ = ("_bytes", "_resources")

    def __init__(self, resources: Iterable[Resource] = ()) -> None:
        self._resources: dict[str, Resource] = {}
        for resource in resources:
            key = normalize_url(resource.url)
            if key in self._resources:
                raise WebError(f"web: expected each URL once, found {resource.url!r} twice")
            self._resources[key] = resource
        self._bytes: dict[str, int] = {}

    def resource(self, url: str) -> Resource | None:
        """Return the declared resource at ``url``, or None; a static file
        (``any_query``) answers whatever the query string. A URL that does not parse
        (such as a port past 65535) finds nothing: nothing can be declared there."""
        try:
            key = normalize_url(url)
        except ValueError:
            return None
        found = self._resources.get(key)
        if found is None and "?" in key:
            found = self._resources.get(key.split("?", 1)[0])
            if found is not None and not found.any_query:
                return None
        return found

    def bytes_by_client(self) -> dict[str, int]:
        """Return the body bytes received so far, per client name (sorted by name)."""
        return dict(sorted(self._bytes.items()))

    def record(self, client: str, count: int) -> None:
        """Count ``count`` body bytes as received by ``client`` (Rule 4)."""
        self._bytes[client] = self._bytes.get(client, 0) + count

    def fetch(self, url: str, client: Client = BROWSER, *, count: bool = True) -> FetchResult:
        """Fetch ``url`` as ``client`` (Rules 1-4); ``count=False`` leaves the final body
        uncounted until :meth:`record` (redirect bodies are always counted)."""
        chain: list[str] = []
        current = url
        while True:
            resource = self.resource(current)
            if resource is None:
                return FetchResult(url=current, status=404, redirects=tuple(chain), error=(
                    "The remote server returned an error: (404) Not Found"))
            refused = _refusal(resource.requires, client)
            if refused is not None:
                return FetchResult(url=current, status=refused.status, error=refused.error,
                                   redirects=tuple(chain))
            location = {k.lower(): v for k, v in resource.headers}.get("location")
            redirect = resource.status in REDIRECTS and bool(location)
            if count or redirect:
                self.record(client.name, len(resource.body))
            if redirect and location:
                if len(chain) >= MAX_REDIRECTS:
                    return FetchResult(url=current, status=resource.status,
                                       redirects=tuple(chain), error="Too many redirects")
                chain.append(current)
                target, refusal = redirect_target(current, location)
                if target is None:
                    return FetchResult(url=current, status=resource.status,
                                       redirects=tuple(chain), error=refusal)
                current = target
                continue
            error = None if 200 <= resource.status < 300 else (
                f"The remote server returned an error: ({resource.status})")
            return FetchResult(url=current, status=resource.status, body=resource.body,
                               headers=resource.headers, error=error, redirects=tuple(chain))
