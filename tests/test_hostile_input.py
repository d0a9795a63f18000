"""Hostile and broken input through the command line: a documented exit code, a message
naming the file, never a traceback, a hang or unbounded memory (one case per class)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sim.app.cli import main

URL = "https://a.test/f"
APP = Path(__file__).resolve().parents[1] / "scenarios/clickonce/apps/provider/App.application"


def _scenario(web: str = "", *, click: str = URL, browser: str = "edge", machine: str = "",
              extra: str = "") -> str:
    web = web or f'[[web]]\nurl = "{URL}"\nheaders = {{ "Content-Type" = "text/plain" }}\n'
    return (f'[scenario]\ntitle = "t"\n{machine}\n[browser]\nname = "{browser}"\n\n{web}\n'
            f'[click]\nurl = {json.dumps(click)}\n{extra}')


def _web(headers: dict[str, str], *, url: str = URL, body: str | None = None,
         status: int | None = None, body_file: str | None = None) -> str:
    out = f"[[web]]\nurl = {json.dumps(url)}\n"
    out += f"status = {status}\n" if status else ""
    out += "headers = { " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}"
                                      for k, v in headers.items()) + " }\n"
    out += f"body = {json.dumps(body)}\n" if body is not None else ""
    out += f"body_file = {json.dumps(body_file)}\n" if body_file is not None else ""
    return out


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str],
         *extra: str) -> tuple[int, str, str]:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    status = main(["run", str(path), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    return status, out, err


@pytest.mark.parametrize("disposition", [
    "attachment; filename*=base64''YQ==", "attachment; filename*=zlib''a",
    "attachment; filename*=undefined''a", "attachment; filename*=iso8859-99''a",
    'attachment; filename="=?iso-8859-77?B?YWJj?="',
])
def test_unknown_or_binary_charsets_fail_the_filename_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], disposition: str) -> None:
    """A charset that is no text charset makes the filename fail, not the run (class 1)."""
    web = _web({"Content-Type": "application/octet-stream", "Content-Disposition": disposition})
    assert _run(tmp_path, _scenario(web), capsys)[0] == 0


@pytest.mark.parametrize(("browser", "url", "ctype"), [
    ("ie", URL, "application/" + "x" * 300),
    ("chrome", "https://a.test/f." + "e" * 300, "application/octet-stream"),
])
def test_header_values_past_registry_limits_have_no_association(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], browser: str, url: str,
        ctype: str) -> None:
    """A Content-Type or extension over 255 characters finds no registry key (class 2)."""
    status, out, _ = _run(tmp_path, _scenario(_web({"Content-Type": ctype}, url=url),
                                              click=url, browser=browser), capsys)
    assert status == 0 and "outcome:" in out


def test_a_registered_command_with_a_forbidden_character_fails_to_start(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ShellExecute refuses a program path holding '<' with ERROR_INVALID_NAME (class 3)."""
    reg = ('Windows Registry Editor Version 5.00\n\n[HKEY_CLASSES_ROOT\\.fuzz]\n@="Fuzz.Doc"\n\n'
           '[HKEY_CLASSES_ROOT\\Fuzz.Doc\\shell\\open\\command]\n'
           '@="\\"C:\\\\Program Files\\\\a<b.exe\\" \\"%1\\""\n')
    machine = f"[machine]\nreg = {json.dumps(reg)}\n"
    url = "https://a.test/f.fuzz"
    status, out, _ = _run(tmp_path, _scenario(_web({"Content-Type": "application/x-fuzz"},
                                                   url=url), click=url, machine=machine), capsys)
    assert status == 0 and "volume label syntax is incorrect" in out


@pytest.mark.parametrize("where", ["web", "click", "cache", "installed"])
def test_urls_that_do_not_parse_are_load_errors_at_their_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """An unclosed IPv6 bracket is a scenario error naming the key (class 4)."""
    bad = "http://[::1/x"
    text = {
        "web": _scenario(_web({}, url=bad)),
        "click": _scenario(click=bad),
        "cache": _scenario(extra=f"\n[handlers.word]\ncache = [{json.dumps(bad)}]\n"),
        "installed": _scenario(machine=f'[machine]\nclickonce_installed = {{ "{bad}" = '
                                       '"1.0.0.0" }\n'),
    }[where]
    status, _, err = _run(tmp_path, text, capsys)
    assert status == 2 and "s.toml:" in err and "absolute" in err


@pytest.mark.parametrize(("location", "error"), [
    ("http://b.test:99999/", "ERR_INVALID_REDIRECT"),
    ("file:///C:/Windows/win.ini", "ERR_UNSAFE_REDIRECT"),
])
def test_bad_redirects_fail_the_navigation(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           location: str, error: str) -> None:
    """A redirect to a bad port or to file: fails the fetch as Chromium does (class 4)."""
    status, out, _ = _run(tmp_path, _scenario(_web({"Location": location}, status=302)), capsys)
    assert status == 0 and error in out


def test_a_nul_in_a_path_is_a_scenario_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """body_file with a NUL character is refused at its key (class 5)."""
    status, _, err = _run(tmp_path, _scenario(_web({}, body_file="a\u0000b")), capsys)
    assert status == 2 and "web[0].body_file: expected a path without NUL" in err


@pytest.mark.parametrize(("body", "message"), [
    ("x = " + "[" * 500 + "]" * 500, "nested at most 64 levels"),
    ("x = " + "{a=" * 380 + "1" + "}" * 380, "nested at most 64 levels"),
    ("x = " + "9" * 5000, "at most 4300 digits"),
    (".".join(["a"] * 1000) + " = 1", "nested at most 64 levels"),
])
def test_tomli_limits_are_scenario_errors_with_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, message: str) -> None:
    """Deep nesting, long dotted keys and huge integers name the file and line (class 6)."""
    status, _, err = _run(tmp_path, f'[scenario]\ntitle = "t"\n{body}\n', capsys)
    assert status == 2 and "s.toml:3:" in err and message in err


def test_an_odd_sized_utf16_reg_file_is_invalid(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A UTF-16 .reg file with an odd byte count exits 2 with the reason (class 7)."""
    path = tmp_path / "x.reg"
    path.write_bytes(b"\xff\xfe" + "Windows Registry Editor Version 5.00\r\n".encode("utf-16-le")
                     + b"A")
    assert main(["reg", "lint", str(path)]) == 2
    assert "odd count" in capsys.readouterr().err


@pytest.mark.parametrize(("old", "new"), [
    ('encoding="utf-8"', 'encoding="x"'), ('encoding="utf-8"', 'encoding="utf-32"'),
    ('size="2458"', 'size="²"'), ('size="2458"', 'size="' + "9" * 5000 + '"'),
    ("</asmv1:assembly>", "<x>" * 1000 + "</x>" * 1000 + '<Signature xmlns='
     '"http://www.w3.org/2000/09/xmldsig#"/></asmv1:assembly>'),
])
def test_hostile_manifests_are_dfshim_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               old: str, new: str) -> None:
    """Unknown encodings, odd digits, deep nesting: a manifest outcome (classes 8-10)."""
    body = APP.read_text(encoding="utf-8").replace(old, new)
    url = "https://apps.example.test/deploy/App.application"
    web = _web({"Content-Type": "application/x-ms-application"}, url=url, body=body)
    status, out, _ = _run(tmp_path, _scenario(web, click=url), capsys)
    assert status == 0 and "outcome:" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_and_devices_are_refused_unread(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO or /dev/zero named like a scenario or .reg file is refused, not read (12-13)."""
    os.mkfifo(tmp_path / "p.reg")
    assert main(["reg", "lint", str(tmp_path / "p.reg")]) == 2
    assert "expected a regular .reg file, found a FIFO" in capsys.readouterr().err
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "x.toml")
    if Path("/dev/zero").exists():
        (folder / "z.toml").symlink_to("/dev/zero")
    (folder / "ok.toml").write_text(_scenario(), encoding="utf-8")
    assert main(["run", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert "1 scenarios: 1 passed" in out and "found a FIFO (named pipe)" in err


def test_the_bytes_a_scenario_reads_are_capped_in_total(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Five references to one 16 MiB file pass the 64 MiB total: one clear error (class 13)."""
    (tmp_path / "big").write_bytes(b"A" * (16 * 1024 * 1024 - 10))
    web = "".join(_web({}, url=f"https://a.test/{i}", body_file="big") for i in range(6))
    status, _, err = _run(tmp_path, _scenario(web, click="https://a.test/0"), capsys)
    assert status == 2 and err.count("expected at most 67108864 bytes read") == 1


def test_machine_problems_are_reported_at_once_with_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """machine.reg lines and machine.files names are load errors, all at once, with lines."""
    machine = ("[machine]\nreg = '''\nWindows Registry Editor Version 5.00\n\n[HKEY_NOPE\\x]\n"
               "'''\nfiles = { 'C:\\a<b' = \"x\" }\n")
    status, _, err = _run(tmp_path, _scenario(machine=machine), capsys)
    assert status == 2
    assert "s.toml:7: machine.reg:" in err and "s.toml:9: machine.files" in err


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid file exits 2 naming itself; the valid one still runs and prints."""
    (tmp_path / "a.toml").write_text('[scenario]\ntitle = "t"\nx = ' + "9" * 5000 + "\n",
                                     encoding="utf-8")
    (tmp_path / "b.toml").write_text(_scenario(), encoding="utf-8")
    assert main(["run", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "1 scenarios: 1 passed" in out and "a.toml:3:" in err


def test_an_internal_error_exits_3_and_asks_for_a_report(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A bug (any undocumented exception) exits 3, names the file, asks for a report."""
    import sim.engine

    def broken(_scenario: object) -> None:
        raise TypeError("boom")

    monkeypatch.setattr(sim.engine, "simulate", broken)
    (tmp_path / "a.toml").write_text(_scenario(), encoding="utf-8")
    assert main(["run", str(tmp_path / "a.toml")]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "a.toml" in err and "please report" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", ["file", "page-is-folder", "planted-link"])
def test_output_errors_are_clean_and_links_never_followed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    """--output: clean exit 2 messages, no temp files left, a planted link not followed."""
    scenario = tmp_path / "s.toml"
    scenario.write_text(_scenario(), encoding="utf-8")
    out = tmp_path / "out"
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    if case == "file":
        out.write_text("x", encoding="utf-8")
    elif case == "page-is-folder":
        (out / "s.html").mkdir(parents=True)
    else:
        out.mkdir()
        (out / ".s.html.tmp").symlink_to(victim)
    status = main(["run", str(scenario), "--format", "html", "--output", str(out)])
    err = capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert "Traceback" not in err
    if case == "planted-link":
        assert status == 0 and (out / "s.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    else:
        assert status == 2 and "expected a" in err
    if out.is_dir():
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]


def test_an_app_protocol_link_that_does_not_parse_is_a_load_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An ms-word: link with an unclosed IPv6 bracket names click.url (found by make fuzz)."""
    status, _, err = _run(tmp_path, _scenario(click="ms-word://[x"), capsys)
    assert status == 2 and "click.url: expected a URL that parses" in err
