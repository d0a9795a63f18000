"""Fuzz targets: each parser of hostile input held to its documented error set.

A target takes bytes and returns normally or raises one of its documented errors;
any other exception is a finding (:class:`Undocumented`). The targets are shared by
the fast hypothesis tests (``tests/property/test_hostile_input.py``) and the long run
(``make fuzz``: ``tests/property/fuzz_run.py``, 100,000 inputs per target).

Inputs start from real seeds nobody here wrote (Chromium's Content-Disposition and
Content-Type vectors, Wine's regedit vectors in ``tests/data``; the gallery scenarios
and Visual Studio style ClickOnce publishes in ``scenarios/``) and are mutated by
:func:`mutate`: byte flips, insertions, deletions, repeated spans (deep nesting,
long runs) and splices with hostile tokens.
"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from sim.engine import simulate
from sim.errors import RegImportError, ScenarioError
from sim.loader import decode_reg_bytes
from sim.models.clickonce.digest import read_signature
from sim.models.clickonce.manifest import (
    ManifestInvalid,
    ManifestUnreadable,
    parse_application,
    parse_deployment,
)
from sim.models.clickonce.xml_safe import XmlRefused, parse_xml
from sim.probe import ProbeError, probe, probe_scenario
from sim.registry import Registry
from sim.registry.reg_import import import_text
from sim.scenario import Scenario
from sim.world.headers import (
    parse_content_disposition,
    parse_content_type,
    parse_download_options,
    parse_invoke_app,
)

ROOT: Final = Path(__file__).resolve().parents[2]


class Undocumented(AssertionError):
    """A parser raised an exception outside its documented error set."""


@dataclass(frozen=True, slots=True)
class Target:
    """A parser, its seeds, the tokens its mutations splice in, and its documented errors."""

    name: str
    run: Callable[[bytes], None]
    seeds: Callable[[], tuple[bytes, ...]]
    tokens: tuple[bytes, ...]
    documented: tuple[type[BaseException], ...]

    def check(self, data: bytes) -> None:
        """Run the parser on ``data``; raise :class:`Undocumented` for any other error."""
        try:
            self.run(data)
        except self.documented:
            pass
        except Exception as exc:
            raise Undocumented(f"{self.name}: {type(exc).__name__}: {exc!s:.300} "
                               f"on {data[:200]!r}") from exc


_COMMON_TOKENS: Final = (
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r\n", b"\\", b'"', b"'", b"\xc2\xb2", b"\xed\xa0\x80",
    b"9" * 5000, b"-1", b"99999", b"%00", b"%ff",
)


def mutate(seed: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> bytes:
    """1 to 8 random edits of ``seed``: flips, insertions, deletions, repeats, splices."""
    data = bytearray(seed)
    pool = tokens + _COMMON_TOKENS
    for _ in range(rng.randint(1, 8)):
        kind = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2:
            del data[at:at + rng.randint(1, 64)]
        elif kind == 3 and data:  # a span repeated: deep nesting, long runs
            end = min(len(data), at + rng.randint(1, 16))
            data[at:at] = bytes(data[at:end]) * rng.choice((2, 10, 100, 1000))
        elif kind == 4:
            token = rng.choice(pool)
            data[at:at] = token * rng.choice((1, 1, 1, 50, 500))
        else:
            data[at:at] = rng.choice(pool)
    return bytes(data[:4 * 1024 * 1024])


def inputs(target: Target, count: int, seed: int = 0) -> Iterator[bytes]:
    """``count`` deterministic inputs for ``target``: its seeds first, then mutations."""
    rng = random.Random(f"{target.name}:{seed}")
    seeds = target.seeds()
    yield from seeds[:count]
    for _ in range(count - min(count, len(seeds))):
        yield mutate(rng.choice(seeds), rng, target.tokens)


# -- scenario TOML -------------------------------------------------------------------------

@cache
def _sandbox() -> Path:
    """A folder with the files fuzzed scenarios may name (a .reg file, a body)."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="invokesim-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "a.reg").write_bytes(b"\xff\xfe" + "Windows Registry Editor Version 5.00\r\n\r\n"
                                   "[HKEY_CURRENT_USER\\Software\\A]\r\n\"a\"=\"b\"\r\n"
                                   .encode("utf-16-le"))
    (folder / "body.bin").write_bytes(b"<html></html>")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo")
    return folder


@cache
def _scenario_seeds() -> tuple[bytes, ...]:
    files = sorted((ROOT / "scenarios").rglob("*.toml"))
    return tuple(f.read_bytes() for f in files)


def _scenario(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    scenario = Scenario.from_toml(text, base=_sandbox() / "s.toml")
    simulate(scenario)


SCENARIO: Final = Target(
    name="scenario", run=_scenario, seeds=_scenario_seeds,
    tokens=(b"[", b"{", b"[[web]]\n", b"\n[machine]\nreg_files = ['a.reg', 'fifo']\n",
            b'body_file = "body.bin"\n', b'"""', b"'''", b"a.b.c.d.e.f.", b"= [", b"= {a=",
            b"http://[::1/x", b"http://b.test:99999/", b'Location = "file:///c:/x"',
            b"Content-Disposition = \"attachment; filename*=base64''YQ==\"",
            b'"Content-Type" = "' + b"x" * 300 + b'"', b"\\u0000", b"status = 302\n"),
    documented=(ScenarioError,))


# -- .reg ----------------------------------------------------------------------------------

@cache
def _reg_seeds() -> tuple[bytes, ...]:
    seeds: list[bytes] = []
    for name in ("wine_regedit_ansi.toml", "wine_regedit_unicode.toml"):
        data = tomllib.loads((ROOT / "tests/data/reg" / name).read_text(encoding="utf-8"))
        for case in data["case"]:
            text = case.get("text", "")
            if "unicode" in name:
                seeds.append(b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass"))
            else:
                seeds.append(text.encode("cp1252", "replace"))
    return tuple(seeds)


def _reg(data: bytes) -> None:
    decoded = decode_reg_bytes(data, "fuzz.reg")
    for strict in (True, False):
        try:
            import_text(Registry(), decoded.text, strict=strict, source="fuzz.reg",
                        unicode=decoded.unicode)
        except RegImportError:
            if not strict:
                raise


REG: Final = Target(
    name="reg", run=_reg, seeds=_reg_seeds,
    tokens=(b"[HKEY_CURRENT_USER\\", b"\\" * 300, b"=hex:", b"=dword:", b"=hex(7):", b"\\\r\n",
            b"[-HKEY_LOCAL_MACHINE\\", b"@=", b"REGEDIT4", b"x" * 300),
    documented=(RegImportError,))


# -- ClickOnce manifests -------------------------------------------------------------------

@cache
def _manifest_seeds() -> tuple[bytes, ...]:
    apps = ROOT / "scenarios" / "clickonce" / "apps"
    files = sorted([*apps.rglob("*.application"), *apps.rglob("*.manifest")])
    return tuple(f.read_bytes() for f in files)


def _manifest(data: bytes) -> None:
    for parse in (parse_deployment, parse_application):
        with contextlib.suppress(ManifestUnreadable, ManifestInvalid):
            parse(data)
    parse_xml(data)  # the safe reader's refusals are documented errors
    read_signature(data)  # a document it accepts: the XMLDSig verifier gives a state


MANIFEST: Final = Target(
    name="manifest", run=_manifest, seeds=_manifest_seeds,
    tokens=(b"<x>" * 300, b'encoding="x"', b'encoding="utf-32"', b'encoding="rot13"',
            b'size="\xc2\xb2"', b'version="1.0.0.\xc2\xb2"', b"<!DOCTYPE a [<!ENTITY e 'x'>]>",
            b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>', b"&e;", b"]]>"),
    documented=(ManifestUnreadable, ManifestInvalid, XmlRefused))


# -- headers -------------------------------------------------------------------------------

@cache
def _header_seeds() -> tuple[bytes, ...]:
    seeds: list[bytes] = []
    for name in ("content_disposition.toml", "content_type.toml"):
        data = tomllib.loads((ROOT / "tests/data/headers" / name).read_text(encoding="utf-8"))
        seeds += [c["header"].encode("utf-8", "surrogatepass") for c in data["case"]
                  if isinstance(c.get("header"), str)]
    return tuple(seeds)


def _headers(data: bytes) -> None:
    # As http.client hands a header value over: latin-1, one line of at most 64 KiB.
    value = data[:65536].decode("latin-1")
    parse_content_type(value)
    parse_content_disposition(value)
    parse_invoke_app(value)
    parse_download_options(value)


HEADERS: Final = Target(
    name="headers", run=_headers, seeds=_header_seeds,
    tokens=(b"filename*=", b"base64''", b"iso8859-99''", b"undefined''", b"=?iso-8859-77?B?",
            b"?=", b"; charset=", b"\"", b"%", b"=?utf-8?Q?", b"attachment;"),
    documented=())


# -- probe's response handling -------------------------------------------------------------

class _Server:
    """A local server that answers every request with the bytes of the current input."""

    def __init__(self) -> None:
        self.answer = b""
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/app/App.application"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.settimeout(1)
                    conn.recv(65536)
                    conn.sendall(self.answer)
                    conn.shutdown(socket.SHUT_WR)
                except OSError:
                    pass


@cache
def _server() -> _Server:
    return _Server()


_PROBE_SEEDS: Final = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ms-application\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 302 Found\r\nLocation: /app/App.application\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 405 No\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 206 Partial\r\nContent-Type: application/x-ms-application\r\n"
    b"Content-Range: bytes 0-0/4\r\nContent-Length: 1\r\n\r\n<",
    b"HTTP/1.0 200 OK\r\nContent-Disposition: attachment; filename=\"a.docx\"\r\n"
    b"X-MS-InvokeApp: 1; RequireReadOnly\r\n\r\nPK",
)


def _probe(data: bytes) -> None:
    server = _server()
    server.answer = data
    result = probe(server.url, timeout=2)
    probe_scenario(result)


PROBE: Final = Target(
    name="probe", run=_probe, seeds=lambda: _PROBE_SEEDS,
    tokens=(b"600", b"999", b"Location: file:///etc/passwd\r\n", b"Location: data:,x\r\n",
            b"Location: http://127.0.0.1:99999/\r\n", b"Location: http://[::1/x\r\n",
            b"Location: ftp://x/\r\n", b"Transfer-Encoding: chunked\r\n", b"\r\n\r\n",
            b"Content-Length: 99999999\r\n"),
    documented=(ProbeError, ScenarioError))

TARGETS: Final = {t.name: t for t in (SCENARIO, REG, MANIFEST, HEADERS, PROBE)}
