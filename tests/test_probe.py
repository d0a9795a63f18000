"""`invokesim probe` against a local HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sim.app.cli import main
from sim.probe import ProbeError, probe, probe_scenario

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEEN: list[tuple[str, str, str | None]] = []


class Handler(BaseHTTPRequestHandler):
    """A publisher's server: a ClickOnce manifest, a Word document, a HEAD refuser, redirects."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        SEEN.append((self.command, self.path, self.headers.get("Range")))
        status, headers, body = 404, {"Content-Type": "text/html"}, b"<h1>404</h1>"
        if self.path == "/app/App.application":
            status, headers, body = 200, {"Content-Type": "application/x-ms-application"}, b"<x/>"
        elif self.path == "/docs/Spec.docx":
            status, headers, body = 200, {"Content-Type": DOCX, "X-MS-InvokeApp": "1"}, b"PK"
        elif self.path == "/nohead/App.application":
            if self.command == "HEAD":
                status, headers, body = 405, {"Allow": "GET"}, b""
            else:
                status, body = 206, b"<"
                headers = {"Content-Type": "application/x-ms-application",
                           "Content-Range": "bytes 0-0/4"}
        elif self.path == "/go":
            status, headers, body = 302, {"Location": "/app/App.application"}, b""
        elif self.path == "/loop":
            status, headers, body = 302, {"Location": "/loop"}, b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a server on an ephemeral port of 127.0.0.1, in a thread."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_head_gives_the_headers(server: str) -> None:
    """A server that answers HEAD is asked HEAD only."""
    SEEN.clear()
    result = probe(f"{server}/app/App.application")
    (hop,) = result.hops
    assert (hop.method, hop.status) == ("HEAD", 200)
    assert ("Content-Type", "application/x-ms-application") in hop.headers
    assert SEEN == [("HEAD", "/app/App.application", None)]


def test_a_refused_head_falls_back_to_a_ranged_get(server: str) -> None:
    """On 405 the probe GETs bytes 0-0 and reads the 206 as the browser's 200."""
    SEEN.clear()
    (hop,) = probe(f"{server}/nohead/App.application").hops
    assert (hop.method, hop.status, hop.body) == ("GET", 200, b"<")
    assert SEEN == [("HEAD", "/nohead/App.application", None),
                    ("GET", "/nohead/App.application", "bytes=0-0")]


def test_redirects_become_web_entries(server: str) -> None:
    """Each hop is a [[web]] entry, so the engine follows the redirect as the browser would."""
    result = probe(f"{server}/go")
    assert [h.status for h in result.hops] == [302, 200]
    scenario = probe_scenario(result)
    assert [w.url for w in scenario.file.web] == [f"{server}/go",
                                                  f"{server}/app/App.application"]
    assert scenario.file.click is not None and scenario.file.click.url == f"{server}/go"


def test_probe_command_shows_each_browser(server: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A ClickOnce manifest: DirectInvoke in IE and Edge 87, a download in Edge 79 and Chrome."""
    assert main(["probe", f"{server}/go", "--browser", "ie-11,edge-79,edge-87,chrome"]) == 0
    captured = capsys.readouterr()
    assert f"HEAD {server}/go -> 302" in captured.err
    assert "Content-Type: application/x-ms-application" in captured.err
    lines = captured.out.splitlines()
    assert lines[0] == f"Click on {server}/go (200, application/x-ms-application)"
    assert [cell.strip() for cell in lines[4].split("|")[2:6]] == [
        "direct-invoke", "download", "direct-invoke", "download"]


def test_probe_of_a_word_document_with_office(server: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """X-MS-InvokeApp on a .docx: IE DirectInvokes Word when the machine has Office."""
    assert main(["probe", f"{server}/docs/Spec.docx", "--browser", "ie-11,chrome",
                 "--machine-profile", "office", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| windows-10, office | direct-invoke → launched: ie.open\\_file | download" in out


def test_redirect_loop_is_an_error(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A redirect back to a URL already seen stops with exit 2."""
    with pytest.raises(ProbeError, match="redirect loop"):
        probe(f"{server}/loop")
    assert main(["probe", f"{server}/loop"]) == 2
    assert "redirect loop at" in capsys.readouterr().err


def test_a_silent_server_times_out(capsys: pytest.CaptureFixture[str]) -> None:
    """A server that accepts and never answers is a clear time-out message, exit 2."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/App.application"
        assert main(["probe", url, "--timeout", "0.3"]) == 2
    assert "no answer within 0.3 s" in capsys.readouterr().err


def test_a_closed_port_and_a_bad_url_are_clear_errors(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Connection refused and a non-HTTP URL both exit 2 with what went wrong."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert main(["probe", f"http://127.0.0.1:{port}/x"]) == 2
    assert "cannot connect" in capsys.readouterr().err
    assert main(["probe", "ftp://example.test/x"]) == 2
    assert "expected an http:// or https:// URL" in capsys.readouterr().err


def test_an_unknown_machine_profile_is_invalid(server: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """--machine-profile names a preset of sim/world/presets/; another name exits 2."""
    assert main(["probe", f"{server}/app/App.application", "--machine-profile", "ofice"]) == 2
    assert "did you mean 'office'" in capsys.readouterr().err
