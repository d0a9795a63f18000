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
5. Hostile servers are bounded: ``timeout`` is a deadline for the whole probe
   (every connection, request and hop), kept by a watchdog that shuts the open
   socket when it passes, so a server that drips one byte at a time cannot hold
   the probe; a status outside 100-599 is refused (RFC 9110 section 15: "Values
   outside the range 100..599 are invalid"); a redirect is followed only to an
   http or https URL that parses (:func:`sim.world.web.redirect_target`: no
   ``file:``, ``data:`` or ``ftp:``); at most :data:`BODY_CAP` body bytes are read,
   and http.client bounds the header lines (64 KiB each, 100 headers).
4. The scenario is the hops as ``[[web]]`` entries (headers as the server sent
   them; a repeated header joined with ``, ``), a click on the URL, the chosen
   OS and machine profiles; the matrix (:mod:`sim.engine.matrix`) runs it per browser.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Any, Final
from urllib.parse import urlsplit

from sim.errors import SimError
from sim.scenario import Scenario
from sim.scenario.kit import TableError
from sim.scenario.problems import dotted
from sim.scenario.schema import ScenarioFile
from sim.world.web import MAX_REDIRECTS, REDIRECTS, normalize_url, redirect_target

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


class _Deadline:
    """Rule 5: the moment the whole probe must end, and a watchdog that enforces it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.end

    def remaining(self) -> float:
        """The time left, for each socket operation's own time-out (at least 1 ms)."""
        return max(self.end - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
        if self.expired:
            self._expire()

    def _expire(self) -> None:
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _Connection(http.client.HTTPConnection):
    """A connection whose socket the probe's deadline watches from the moment it opens."""

    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _TlsConnection(_Connection, http.client.HTTPSConnection):
    """The same for https (HTTPSConnection.connect wraps the socket; the watch follows)."""


class _Http(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_Connection, deadline=self._deadline), req)


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_TlsConnection, deadline=self._deadline), req,
                            context=self._context)  # type: ignore[attr-defined]


def _opener_for(url: str, deadline: _Deadline) -> urllib.request.OpenerDirector:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    proxies = urllib.request.ProxyHandler({}) if loopback else urllib.request.ProxyHandler()
    return urllib.request.build_opener(proxies, _NoRedirect(), _Http(deadline),
                                       _Https(deadline))


def _send(url: str, method: str, deadline: _Deadline) -> tuple[int, Message, bytes]:
    headers = {"User-Agent": USER_AGENT}
    if method == "GET":
        headers["Range"] = "bytes=0-0"
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with _opener_for(url, deadline).open(request, timeout=deadline.remaining()) as response:
            body = response.read(BODY_CAP) if method == "GET" else b""
            return response.status, response.headers, body
    except urllib.error.HTTPError as exc:  # 3xx (not followed here), 4xx, 5xx
        body = exc.read(BODY_CAP) if method == "GET" else b""
        return exc.code, exc.headers, body


def _request(url: str, deadline: _Deadline) -> Hop:
    """Rule 1: HEAD, else a ranged GET."""
    try:
        status, headers, body = _send(url, "HEAD", deadline)
        method = "HEAD"
    except (http.client.RemoteDisconnected, ConnectionResetError, http.client.BadStatusLine):
        if deadline.expired:
            raise
        status, headers, body, method = 405, Message(), b"", "HEAD"
    if status in REFUSED_HEAD:
        status, headers, body = _send(url, "GET", deadline)
        method = "GET"
        if status == 206:
            status = 200
    if not 100 <= status <= 599:
        raise ProbeError(f"{url}: expected an HTTP status from 100 to 599, found {status}")
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


def _http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def probe(url: str, *, timeout: float = 10.0) -> ProbeResult:
    """Rules 1-3 and 5: fetch ``url``'s headers, following redirects, within ``timeout`` s."""
    if not _http_url(url):
        raise ProbeError(f"expected an http:// or https:// URL with a valid host and port, "
                         f"found {url!r}")
    deadline = _Deadline(timeout)
    try:
        return _follow(url, deadline)
    finally:
        deadline.cancel()


def _follow(url: str, deadline: _Deadline) -> ProbeResult:
    hops: list[Hop] = []
    seen: set[str] = set()
    current = url
    late = f"no answer within {deadline.seconds:g} s (the time-out is for the whole probe)"
    while True:
        if normalize_url(current) in seen:
            raise ProbeError(f"{url}: redirect loop at {current}")
        seen.add(normalize_url(current))
        try:
            hop = _request(current, deadline)
        except ProbeError:
            raise
        except TimeoutError as exc:
            raise ProbeError(f"{current}: {late}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError) or deadline.expired:
                raise ProbeError(f"{current}: {late}") from exc
            raise ProbeError(f"{current}: cannot connect: {exc.reason}") from exc
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if deadline.expired:
                raise ProbeError(f"{current}: {late}") from exc
            raise ProbeError(f"{current}: cannot fetch: {exc}") from exc
        if deadline.expired:  # the watchdog cut the answer short: it is not the server's
            raise ProbeError(f"{current}: {late}")
        hops.append(hop)
        location = {k.lower(): v for k, v in hop.headers}.get("location")
        if hop.status not in REDIRECTS or not location:
            return ProbeResult(hops=tuple(hops))
        if len(hops) > MAX_REDIRECTS:
            raise ProbeError(f"{url}: more than {MAX_REDIRECTS} redirects")
        target, refusal = redirect_target(current, location)
        if target is None:
            raise ProbeError(f"{current}: redirect to {location!r} not followed: {refusal}")
        current = target


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
    try:
        file = ScenarioFile.model_validate(data)
    except TableError as exc:
        found = "; ".join(f"{dotted(i.path)}: {i.kind} {i.expected or i.value!r}"
                          for i in exc.issues)
        raise ProbeError(f"{first.url}: the answer cannot be simulated: {found}") from None
    return Scenario(file=file, source=first.url).with_file(file)
