"""``invokesim probe``: a live server's response headers, run through the pipeline.

The one module of ``sim/`` that touches the network (``architecture.md``: only
``probe`` does). Rules:
1. ``HEAD`` first; when the server refuses it (405 Method Not Allowed, 501 Not
   Implemented, or the connection is dropped), a ``GET`` with ``Range: bytes=0-0``,
   reading at most :data:`BODY_CAP` bytes of the body (RFC 9110 sections 9.3.2,
   14.2, 15.5.6, 15.6.2). A 206 Partial Content answer stands for the 200 the
   browser would get.
2. Redirects are followed as the web model does (:mod:`sim.world.web` Rule 2): 301, 302,
   303, 307, 308 with a ``Location``, relative locations resolved against the
   request URL, at most 20; each hop becomes a ``[[web]]`` entry, so the trace
   shows them. A URL seen twice is a redirect loop.
3. Time-outs, refused connections, bad URLs and loops are :class:`ProbeError`
   with a message saying what happened (the command exits 2).
4. The scenario is the hops as ``[[web]]`` entries (headers as the server sent
   them; a repeated header joined with ``, ``), a click on the URL, the chosen
   OS and machine profiles; the matrix (:mod:`sim.engine.matrix`) runs it per browser.
"""

from __future__ import annotations

import http.client
import ipaddress
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Final
from urllib.parse import urljoin, urlsplit

from sim.errors import SimError
from sim.scenario import Scenario
from sim.scenario.schema import ScenarioFile
from sim.world.web import MAX_REDIRECTS, REDIRECTS, normalize_url

__all__ = ["BODY_CAP", "Hop", "ProbeError", "ProbeResult", "probe", "probe_scenario"]

BODY_CAP: Final = 65536
REFUSED_HEAD: Final = frozenset({405, 501})
USER_AGENT: Final = "invokesim-probe/0.1 (+https://github.com/invokesim)"


class ProbeError(SimError):
    """The server could not be probed: the message says why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Hop:
    """One request and the response's status and headers."""

    url: str
    method: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProbeResult:
    """Every hop from the URL asked to the final response."""

    hops: tuple[Hop, ...]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let 3xx answers through: the probe follows them itself (Rule 2)."""

    def redirect_request(  # noqa: PLR0917 - urllib's own signature
            self, req: urllib.request.Request, fp: object, code: int, msg: str,
            headers: Message, newurl: str) -> None:
        return None


def _opener_for(url: str) -> urllib.request.OpenerDirector:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    proxies = urllib.request.ProxyHandler({}) if loopback else urllib.request.ProxyHandler()
    return urllib.request.build_opener(proxies, _NoRedirect())


def _send(url: str, method: str, timeout: float) -> tuple[int, Message, bytes]:
    headers = {"User-Agent": USER_AGENT}
    if method == "GET":
        headers["Range"] = "bytes=0-0"
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with _opener_for(url).open(request, timeout=timeout) as response:
            body = response.read(BODY_CAP) if method == "GET" else b""
            return response.status, response.headers, body
    except urllib.error.HTTPError as exc:  # 3xx (not followed here), 4xx, 5xx
        body = exc.read(BODY_CAP) if method == "GET" else b""
        return exc.code, exc.headers, body


def _request(url: str, timeout: float) -> Hop:
    """Rule 1: HEAD, else a ranged GET."""
    try:
        status, headers, body = _send(url, "HEAD", timeout)
        method = "HEAD"
    except (http.client.RemoteDisconnected, ConnectionResetError, http.client.BadStatusLine):
        status, headers, body, method = 405, Message(), b"", "HEAD"
    if status in REFUSED_HEAD:
        status, headers, body = _send(url, "GET", timeout)
        method = "GET"
        if status == 206:
            status = 200
    joined: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        if key in joined:
            joined[key] += f", {value}"
        else:
            names[key], joined[key] = name, value
    return Hop(url=url, method=method, status=status,
               headers=tuple((names[k], v) for k, v in joined.items()), body=body)


def probe(url: str, *, timeout: float = 10.0) -> ProbeResult:
    """Rules 1-3: fetch ``url``'s headers, following redirects."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProbeError(f"expected an http:// or https:// URL, found {url!r}")
    hops: list[Hop] = []
    seen: set[str] = set()
    current = url
    while True:
        if normalize_url(current) in seen:
            raise ProbeError(f"{url}: redirect loop at {current}")
        seen.add(normalize_url(current))
        try:
            hop = _request(current, timeout)
        except TimeoutError as exc:
            raise ProbeError(f"{current}: no answer within {timeout:g} s") from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise ProbeError(f"{current}: no answer within {timeout:g} s") from exc
            raise ProbeError(f"{current}: cannot connect: {reason}") from exc
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise ProbeError(f"{current}: cannot fetch: {exc}") from exc
        hops.append(hop)
        location = {k.lower(): v for k, v in hop.headers}.get("location")
        if hop.status not in REDIRECTS or not location:
            return ProbeResult(hops=tuple(hops))
        if len(hops) > MAX_REDIRECTS:
            raise ProbeError(f"{url}: more than {MAX_REDIRECTS} redirects")
        current = urljoin(current, location)


def probe_scenario(result: ProbeResult, *, os: str = "windows-10",
                   profiles: Sequence[str] = ()) -> Scenario:
    """Rule 4: the scenario of a click on the probed URL.

    Raises:
        ScenarioError: a profile name that is not modelled, or not for ``os``.
    """
    first = result.hops[0]
    final = result.hops[-1]
    kind = {k.lower(): v for k, v in final.headers}.get("content-type", "no Content-Type")
    data = {
        "scenario": {"title": f"Click on {first.url} ({final.status}, {kind})",
                     "sources": [first.url], "tags": ["probe"]},
        "machine": {"os": os, "profiles": list(profiles)},
        "web": [{"url": hop.url, "status": hop.status, "headers": dict(hop.headers),
                 "body": hop.body.decode("utf-8", "replace")} for hop in result.hops],
        "click": {"url": first.url},
    }
    file = ScenarioFile.model_validate(data)
    return Scenario(file=file, source=first.url).with_file(file)
