"""``invokesim probe`` on a ClickOnce deployment: fetch what dfshim would fetch, then simulate.

A probe that only reads headers cannot tell whether a deployment installs: dfshim reads the
deployment manifest, its provider's copy, the application manifest and every payload file,
and checks each hash and signature. Rules:
1. The probed URL is a ClickOnce deployment when its final response has the Content-Type
   ``application/x-ms-application`` or its path ends ``.application`` (the server
   documentation's MIME type, https://learn.microsoft.com/visualstudio/deployment/
   server-and-client-configuration-issues-in-clickonce-deployments).
2. The files are fetched with ``GET`` as dfshim resolves them
   (:func:`sim.models.clickonce.dfshim.resolve_codebase`): the deployment manifest in full,
   the deploymentProvider's manifest when it names another URL, the application manifest,
   then each ``install`` dependency and file (with ``.deploy`` under
   ``mapFileExtensions``). Fetching stops at the first manifest that does not parse; a
   4xx or 5xx answer is kept as it is, so the simulation reports the failed download.
3. Bounds: at most :data:`MAX_FILES` files, :data:`MAX_FILE_BYTES` per file,
   :data:`MAX_TOTAL_BYTES` in all, and :data:`DEADLINE` seconds in all (each request also
   has the probe's time-out); beyond a bound the probe stops with a :class:`ProbeError`
   naming it.
4. The scenario serves every fetched file at the URL it was fetched from (with the
   response's headers, minus the connection's own) and clicks the probed URL; ``--save
   DIR`` writes it as ``DIR/scenario.toml`` with each body in ``DIR/files/`` (as
   ``body_file``), so it replays offline byte for byte.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

from sim.engine.matrix import Matrix
from sim.models.clickonce.dfshim import resolve_codebase
from sim.models.clickonce.manifest import (
    ApplicationManifest,
    DeploymentManifest,
    ManifestUnreadable,
    parse_application,
    parse_deployment,
)
from sim.probe import USER_AGENT, ProbeError, ProbeResult
from sim.scenario import Scenario
from sim.scenario.dump import scenario_toml
from sim.scenario.schema import ScenarioFile
from sim.world.web import normalize_url

__all__ = ["DEADLINE", "MAX_FILES", "MAX_FILE_BYTES", "MAX_TOTAL_BYTES", "Fetched",
           "deployment_scenario", "deployment_verdicts", "fetch_deployment", "is_deployment",
           "probe_deployment", "save_scenario"]

MAX_FILES: Final = 500
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 256 * 1024 * 1024
DEADLINE: Final = 300.0
_DROPPED_HEADERS: Final = frozenset({"date", "connection", "keep-alive", "transfer-encoding",
                                     "content-length", "server"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """One file as fetched: the URL asked, the final status, headers and body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def is_deployment(result: ProbeResult) -> bool:
    """Rule 1."""
    final = result.hops[-1]
    kind = {k.lower(): v for k, v in final.headers}.get("content-type", "")
    return (kind.split(";")[0].strip().lower() == "application/x-ms-application"
            or urlsplit(final.url).path.lower().endswith(".application"))


class _Budget:
    """Rule 3's bounds, counted as files are fetched."""

    def __init__(self, deadline: float, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.end = clock() + deadline
        self.deadline = deadline
        self.files = 0
        self.total = 0

    def check(self, url: str, size: int) -> None:
        self.files += 1
        self.total += size
        if self.files > MAX_FILES:
            raise ProbeError(f"{url}: the deployment has more than {MAX_FILES} files")
        if self.total > MAX_TOTAL_BYTES:
            raise ProbeError(f"{url}: the deployment is larger than {MAX_TOTAL_BYTES} bytes")
        if self.clock() > self.end:
            raise ProbeError(f"{url}: the deployment took longer than {self.deadline:g} s")


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}) if loopback else urllib.request.ProxyHandler())


def _get(url: str, timeout: float, budget: _Budget) -> Fetched:
    """Rule 2's GET of one file, bounded by Rule 3."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        try:
            response = _opener(url).open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            response = exc
        with response:
            body = response.read(MAX_FILE_BYTES + 1)
            status = response.status if response.status is not None else 0
            headers = tuple((k, v) for k, v in response.headers.items()
                            if k.lower() not in _DROPPED_HEADERS)
    except TimeoutError as exc:
        raise ProbeError(f"{url}: no answer within {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        raise ProbeError(f"{url}: cannot connect: {exc.reason}") from exc
    except OSError as exc:
        raise ProbeError(f"{url}: cannot fetch: {exc}") from exc
    if len(body) > MAX_FILE_BYTES:
        raise ProbeError(f"{url}: larger than {MAX_FILE_BYTES} bytes")
    budget.check(url, len(body))
    return Fetched(url=url, status=status, headers=headers, body=body)


def _deployment(fetched: Fetched) -> DeploymentManifest | None:
    if not 200 <= fetched.status < 300:
        return None
    try:
        return parse_deployment(fetched.body)
    except ManifestUnreadable:
        return None


def _application(fetched: Fetched) -> ApplicationManifest | None:
    if not 200 <= fetched.status < 300:
        return None
    try:
        return parse_application(fetched.body)
    except ManifestUnreadable:
        return None


def fetch_deployment(result: ProbeResult, *, timeout: float = 10.0,
                     deadline: float = DEADLINE,
                     clock: Callable[[], float] = time.monotonic) -> tuple[Fetched, ...]:
    """Rules 2-3: every file dfshim reads for the deployment the probe found."""
    budget = _Budget(deadline, clock)
    url = result.hops[-1].url
    fetched = [_get(url, timeout, budget)]
    deployment, base = _deployment(fetched[0]), url
    if deployment is None or not deployment.applications:
        return tuple(fetched)
    provider = deployment.provider
    if provider and normalize_url(provider) != normalize_url(url) and urlsplit(
            provider).scheme in ("http", "https"):
        fetched.append(_get(provider, timeout, budget))
        deployment, base = _deployment(fetched[-1]), provider
        if deployment is None or not deployment.applications:
            return tuple(fetched)
    app_url = resolve_codebase(base, deployment.applications[0].codebase)
    fetched.append(_get(app_url, timeout, budget))
    app = _application(fetched[-1])
    if app is None:
        return tuple(fetched)
    suffix = ".deploy" if deployment.map_file_extensions else ""
    for ref in (*app.dependencies, *app.files):
        if ref.codebase and ref.dependency_type == "install" and not ref.optional:
            fetched.append(_get(resolve_codebase(app_url, ref.codebase, suffix), timeout,
                                budget))
    return tuple(fetched)


def _entries(result: ProbeResult, fetched: Sequence[Fetched],
             body_key: Callable[[int, Fetched], Mapping[str, object]],
             ) -> list[dict[str, object]]:
    """Rule 4: the redirect hops, then each fetched file once."""
    web: list[dict[str, object]] = [
        {"url": hop.url, "status": hop.status, "headers": dict(hop.headers)}
        for hop in result.hops[:-1]]
    seen = {normalize_url(str(entry["url"])) for entry in web}
    for index, file in enumerate(fetched):
        key = normalize_url(file.url)
        if key in seen:
            continue
        seen.add(key)
        entry: dict[str, object] = {"url": file.url, "status": file.status,
                                    "headers": dict(file.headers)}
        entry.update(body_key(index, file))
        web.append(entry)
    return web


def _file_data(result: ProbeResult, web: list[dict[str, object]], *, os: str,
               profiles: Sequence[str]) -> dict[str, object]:
    first, final = result.hops[0], result.hops[-1]
    kind = {k.lower(): v for k, v in final.headers}.get("content-type", "no Content-Type")
    return {
        "scenario": {"title": f"Click on {first.url} ({final.status}, {kind})",
                     "sources": [first.url], "tags": ["probe", "clickonce"]},
        "machine": {"os": os, "profiles": list(profiles)},
        "web": web,
        "click": {"url": first.url},
    }


def deployment_scenario(result: ProbeResult, fetched: Sequence[Fetched], *,
                        os: str = "windows-10", profiles: Sequence[str] = ()) -> Scenario:
    """Rule 4: the click on the probed URL, with every fetched file served.

    Raises:
        ScenarioError: a profile name that is not modelled, or not for ``os``.
    """
    web = _entries(result, fetched, lambda index, file: {})
    file = ScenarioFile.model_validate(_file_data(result, web, os=os, profiles=profiles))
    by_url = {normalize_url(f.url): f.body for f in fetched}
    bodies = {i: by_url[normalize_url(str(entry["url"]))] for i, entry in enumerate(web)
              if normalize_url(str(entry["url"])) in by_url}
    return Scenario(file=file, source=result.hops[0].url, bodies=bodies).with_file(file)


def _local_name(index: int, url: str) -> str:
    """A file name under ``files/`` for the body of ``url``: safe on every system."""
    last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or "index"
    safe = "".join(c if c.isalnum() or c in "-_. " else "_" for c in last).strip(". ")
    return f"files/{index:03d}-{safe or 'file'}"


def save_scenario(result: ProbeResult, fetched: Sequence[Fetched], directory: str | Path, *,
                  os: str = "windows-10", profiles: Sequence[str] = ()) -> Path:
    """Rule 4's ``--save DIR``: ``DIR/scenario.toml`` and the bodies; return the file."""
    folder = Path(directory)
    (folder / "files").mkdir(parents=True, exist_ok=True)
    names: dict[int, str] = {}

    def body_file(index: int, file: Fetched) -> dict[str, str]:
        names[index] = _local_name(index, file.url)
        return {"body_file": names[index]}

    web = _entries(result, fetched, body_file)
    for index, file in enumerate(fetched):
        if index in names:
            (folder / names[index]).write_bytes(file.body)
    model = ScenarioFile.model_validate(_file_data(result, web, os=os, profiles=profiles))
    path = folder / "scenario.toml"
    path.write_text(scenario_toml(model), encoding="utf-8")
    return path


def probe_deployment(result: ProbeResult, args: argparse.Namespace) -> Scenario:
    """The CLI's hook: fetch a deployment (Rules 1-3), list the files on stderr, save them
    when asked (Rule 4) and return the scenario to simulate."""
    fetched: tuple[Fetched, ...] = ()
    if is_deployment(result):
        fetched = fetch_deployment(result, timeout=args.timeout)
    else:
        final = result.hops[-1]
        fetched = (_get(final.url, args.timeout, _Budget(DEADLINE, time.monotonic)),)
    for file in fetched:
        print(f"GET {file.url} -> {file.status} ({len(file.body)} bytes)", file=sys.stderr)
    if args.save:
        path = save_scenario(result, fetched, args.save, os=args.os,
                             profiles=args.machine_profile)
        print(f"saved {path}", file=sys.stderr)
    return deployment_scenario(result, fetched, os=args.os, profiles=args.machine_profile)


def deployment_verdicts(matrix: Matrix) -> str:
    """Per browser, what the user gets and, on a failure, dfshim's error (the file that
    broke it is named in it)."""
    lines = ["", "dfshim per browser:"]
    for column, found in zip(matrix.columns, matrix.rows[0].cells, strict=True):
        if found.trace is None:
            lines.append(f"- {column}: not run: {found.reason}")
            continue
        trace = found.trace
        text = f"- {column}: {trace.route} -> {trace.outcome}"
        lines.append(text + (f": {trace.error}" if trace.error else ""))
    return "\n".join(lines) + "\n"
