"""`invokesim probe` on a ClickOnce deployment served by a real local HTTP server: every file
dfshim reads is fetched, the verdict is per browser, and --save replays offline."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sim.app.cli import main
from sim.engine.simulate import simulate
from sim.models.clickonce.publish import AppSpec, publish
from sim.models.clickonce.publishers import CONTOSO
from sim.probe import clickonce as probe_clickonce
from sim.scenario import load_scenario


class PublishServer(SimpleHTTPRequestHandler):
    """A static server configured for ClickOnce as the server documentation asks."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,  # noqa: RUF012 - its API
                      ".application": "application/x-ms-application",
                      ".manifest": "application/x-ms-manifest",
                      ".deploy": "application/octet-stream"}

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A signed publish folder (no deploymentProvider) served on 127.0.0.1."""
    root = tmp_path / "www" / "deploy"
    for name, data in publish(AppSpec(signer=CONTOSO)).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    handler = functools.partial(PublishServer, directory=str(tmp_path / "www"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/deploy/", root
    httpd.shutdown()
    httpd.server_close()


def _verdicts(out: str) -> dict[str, str]:
    lines = out.split("dfshim per browser:\n", 1)[1].splitlines()
    return dict(line[2:].split(": ", 1) for line in lines if line.startswith("- "))


def test_probe_fetches_the_whole_deployment(site: tuple[str, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """IE installs the deployment (DirectInvoke); Chrome's downloaded copy without a
    provider fails on zones; the files fetched are listed."""
    base, _ = site
    assert main(["probe", base + "App.application", "--browser", "ie-11,chrome"]) == 0
    captured = capsys.readouterr()
    assert f"GET {base}Application%20Files/App_1_0_0_0/App.exe.deploy -> 200" in captured.err
    verdicts = _verdicts(captured.out)
    assert verdicts["ie-11"] == "direct-invoke -> launched"
    assert verdicts["chrome"].endswith(
        "Deployment and application do not have matching security zones.")


def test_probe_names_the_file_that_broke(site: tuple[str, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A payload file changed on the server: dfshim's hash error names it, with digests."""
    base, root = site
    (root / "Application Files/App_1_0_0_0/App.exe.config.deploy").write_bytes(b"<x/>")
    assert main(["probe", base + "App.application", "--browser", "ie-11"]) == 0
    verdict = _verdicts(capsys.readouterr().out)["ie-11"]
    assert verdict.startswith("direct-invoke -> failed: File, App.exe.config, has a "
                              "different computed hash than specified in manifest.")
    assert "the 4 bytes served give" in verdict


def test_saved_scenario_replays_byte_for_byte(site: tuple[str, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """--save writes a scenario whose bodies are the bytes served and whose run offline
    gives the live result."""
    base, root = site
    saved = tmp_path / "saved"
    assert main(["probe", base + "App.application", "--browser", "ie-11",
                 "--save", str(saved)]) == 0
    capsys.readouterr()
    scenario = load_scenario(saved / "scenario.toml")
    served = {base + "App.application": (root / "App.application").read_bytes()}
    for path in (root / "Application Files/App_1_0_0_0").iterdir():
        served[f"{base}Application%20Files/App_1_0_0_0/{path.name}"] = path.read_bytes()
    bodies = {scenario.file.web[i].url: body for i, body in scenario.bodies.items()}
    assert bodies == served
    file = scenario.file.model_copy(update={"browser": scenario.file.browser.model_copy(
        update={"name": "ie"})})
    trace = simulate(scenario.with_file(file))
    assert (trace.route, trace.outcome) == ("direct-invoke", "launched")


def test_bounds_stop_the_probe(site: tuple[str, Path], monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    """More files than the bound is a clear error (exit 2), not an endless fetch."""
    base, _ = site
    monkeypatch.setattr(probe_clickonce, "MAX_FILES", 2)
    assert main(["probe", base + "App.application", "--browser", "ie-11"]) == 2
    assert "has more than 2 files" in capsys.readouterr().err
