"""The ``[[web]] folder`` form: a whole publish folder served at a base URL, confined to
the scenario's folder like ``body_file``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.engine.simulate import simulate
from sim.errors import ScenarioError
from sim.scenario import load_scenario
from sim.world.web import normalize_url
from sim.world.web_folder import content_type, file_url, folder_resources

BASE = "https://apps.example.test/deploy/"


def test_paths_are_percent_encoded_per_segment() -> None:
    """Spaces and brackets are encoded, slashes separate segments, unreserved stay."""
    assert file_url(BASE, "Application Files/App_1_0_0_0/App.exe.manifest") == (
        BASE + "Application%20Files/App_1_0_0_0/App.exe.manifest")
    assert file_url(BASE, "[AusTac] Sync.application") == BASE + "%5BAusTac%5D%20Sync.application"


@pytest.mark.parametrize(("name", "kind"), [
    ("App.application", "application/x-ms-application"),
    ("Application Files/A_1/A.exe.manifest", "application/x-ms-manifest"),
    ("Application Files/A_1/A.exe.deploy", "application/octet-stream"),
    ("publish.htm", "text/html"),
    ("setup.exe", "application/octet-stream"),
    ("README", "application/octet-stream"),
])
def test_content_types_follow_the_extension(name: str, kind: str) -> None:
    """ClickOnce's MIME types as the server documentation lists them, IIS's for others."""
    assert content_type(name) == kind


def test_headers_override_the_content_type() -> None:
    """An entry's headers apply to every file and win over the extension's type."""
    [resource] = folder_resources(BASE, [("App.application", b"x")],
                                  headers=[("Content-Type", "text/plain")])
    assert resource.headers == (("Content-Type", "text/plain"),)


def test_either_spelling_reaches_the_same_file() -> None:
    """A server decodes the path: %20 and a space, %5B and [ name the same file."""
    assert normalize_url(BASE + "Application Files/x") == normalize_url(
        BASE + "Application%20Files/x")
    assert normalize_url(BASE + "[a]") == normalize_url(BASE + "%5ba%5D")
    assert normalize_url(BASE + "a%2Fb") != normalize_url(BASE + "a/b")


def _scenario(tmp_path: Path, web: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text('[scenario]\ntitle = "t"\n\n' + web + '\n[click]\nurl = "' + BASE
                    + 'App.application"\n', encoding="utf-8")
    return path


def test_folder_serves_every_file(tmp_path: Path) -> None:
    """Every file under the folder is fetched at its URL with its bytes."""
    (tmp_path / "pub" / "Application Files").mkdir(parents=True)
    (tmp_path / "pub" / "App.application").write_bytes(b"<a/>")
    (tmp_path / "pub" / "Application Files" / "x.deploy").write_bytes(b"\x00\x01")
    (tmp_path / "pub" / ".hidden").write_bytes(b"secret")
    scenario = load_scenario(_scenario(tmp_path, f'[[web]]\nurl = "{BASE}"\nfolder = "pub"\n'))
    assert scenario.folders[0] == (("App.application", b"<a/>"),
                                   ("Application Files/x.deploy", b"\x00\x01"))
    trace = simulate(scenario)
    assert trace.outcome != "error"


@pytest.mark.parametrize(("folder", "message"), [
    ("../outside", "leads outside"),
    ("/etc", "absolute path"),
    ("missing", "expected a folder"),
])
def test_folder_outside_or_missing_is_refused(tmp_path: Path, folder: str,
                                              message: str) -> None:
    """A folder leaving the scenario's folder, absolute or missing is a clear error."""
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / "outside").mkdir()
    path = _scenario(inner, f'[[web]]\nurl = "{BASE}"\nfolder = "{folder}"\n')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert message in str(caught.value)
    assert "web[0].folder" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_link_leading_outside_is_refused(tmp_path: Path) -> None:
    """A symbolic link inside the folder may not lead outside the scenario's folder."""
    inner = tmp_path / "inner"
    (inner / "pub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_bytes(b"secret")
    os.symlink(tmp_path / "secret.txt", inner / "pub" / "leak.deploy")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_scenario(inner, f'[[web]]\nurl = "{BASE}"\nfolder = "pub"\n'))
    assert "leading outside" in str(caught.value)


def test_folder_needs_a_base_url_ending_with_a_slash(tmp_path: Path) -> None:
    """``url`` names a folder: without a trailing / the entry is refused."""
    (tmp_path / "pub").mkdir()
    path = _scenario(tmp_path, f'[[web]]\nurl = "{BASE}App.application"\nfolder = "pub"\n')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "ending with /" in str(caught.value)


def test_folder_with_a_body_is_refused(tmp_path: Path) -> None:
    """An entry is a body, a body_file or a folder: two of them are refused."""
    (tmp_path / "pub").mkdir()
    path = _scenario(tmp_path, f'[[web]]\nurl = "{BASE}"\nfolder = "pub"\nbody = "x"\n')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "body and folder" in str(caught.value)
