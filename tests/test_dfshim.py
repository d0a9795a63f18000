"""Unit tests of dfshim's ClickOnce activation, rundll32 dispatch and the ClickOnce log."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from sim.engine.machine_build import known_publisher_certificate
from sim.models.clickonce.dfshim import PROMPTING_LEVEL_KEY, open_application, open_shortcut
from sim.models.clickonce.digest import file_digest
from sim.models.clickonce.publish import AppSpec, publish
from sim.models.clickonce.publishers import CONTOSO, DEVBOX
from sim.models.handlers import HandlerContext, HandlerResult, run_handler
from sim.models.handlers.rundll32 import parse_rundll32
from sim.models.record import Recorder
from sim.shell.execute import shell_execute
from sim.world.certstore import add_certificate
from sim.world.disk import ZoneIdentifier
from sim.world.presets import machine_for_os
from sim.world.web import Resource, Web

BASE = "https://apps.example.test/deploy/"
APP = BASE + "App.application"
DOWNLOADED = r"C:\Users\User\Downloads\App.application"
STORE = r"C:\Users\User\AppData\Local\Apps\2.0"
SHORTCUT = (r"C:\Users\User\AppData\Roaming\Microsoft\Windows\Start Menu\Programs"
            r"\Contoso\Contoso App.appref-ms")


def served(files: Mapping[str, bytes], base: str = BASE) -> list[Resource]:
    """Resources serving published ``files`` under ``base`` (spaces percent-encoded)."""
    return [Resource(url=base + name.replace(" ", "%20"), body=data)
            for name, data in files.items()]


def context(resources: list[Resource], **kwargs: object) -> HandlerContext:
    """A Windows 10 machine, a web serving ``resources``, and default answers."""
    answers = kwargs.pop("answers", {})
    return HandlerContext(machine=machine_for_os("windows-10"), web=Web(resources),
                          record=Recorder(answers=answers),  # type: ignore[arg-type]
                          zones={}, **kwargs)  # type: ignore[arg-type]


def activate(ctx: HandlerContext, target: str) -> HandlerResult:
    return open_application(ctx, target)


def test_rundll32_passes_the_rest_of_the_line_unsplit() -> None:
    """rundll32 splits off "<dll>,<entry>" and hands the remainder over whole."""
    call = parse_rundll32('"C:\\Windows\\System32\\rundll32.exe" "C:\\Windows\\System32\\'
                          'dfshim.dll",ShOpenVerbApplication C:\\My Files\\App.application')
    assert call is not None
    assert (call.dll, call.entry) == ("dfshim.dll", "ShOpenVerbApplication")
    assert call.argument == "C:\\My Files\\App.application"
    assert parse_rundll32("rundll32.exe nocomma") is None


def test_url_activation_installs_with_a_start_menu_shortcut() -> None:
    """A URL install writes the payload (no .deploy) to Apps\\2.0 and a UTF-16 .appref-ms
    holding URL#identity, then starts the entry point."""
    ctx = context(served(publish(AppSpec(provider=APP))))
    result = activate(ctx, APP)
    assert result.outcome == "launched", result.error
    assert [d.id for d in ctx.record.dialogs] == ["dfshim.security_warning"]
    disk = ctx.machine.disk
    assert disk is not None
    reference = disk.read(SHORTCUT).decode("utf-16")  # the BOM is consumed
    assert reference == (APP + "#App.application, Culture=neutral, "
                         "PublicKeyToken=0000000000000000, processorArchitecture=msil")
    stored = [f.path for f in disk.files() if f.path.startswith(STORE)]
    assert any(p.endswith("\\App.exe") for p in stored)
    assert not any(p.endswith(".deploy") for p in stored)
    assert any(s.rule == "dfshim.start_app" and s.detail.endswith("\\App.exe")
               for s in ctx.record.steps)
    assert ctx.web.bytes_by_client()["dfshim"] == sum(
        len(v) for v in publish(AppSpec(provider=APP)).values())


def test_security_warning_shows_name_from_and_publisher() -> None:
    """The trust prompt says the publisher cannot be verified and names the app and host."""
    ctx = context(served(publish(AppSpec())))
    activate(ctx, APP)
    (dialog,) = ctx.record.dialogs
    assert dialog.title == "Application Install - Security Warning"
    assert dialog.text.startswith("Publisher cannot be verified. Are you sure")
    assert "Name: Contoso App\nFrom: apps.example.test\nPublisher: Unknown Publisher" in dialog.text


def write_download(ctx: HandlerContext, data: bytes, *, zone: int | None = 3) -> None:
    disk = ctx.machine.disk
    assert disk is not None
    mark = ZoneIdentifier(zone, host_url=APP) if zone is not None else None
    disk.write(DOWNLOADED, data, zone=mark)


def test_downloaded_copy_without_provider_fails_on_zones_with_the_log() -> None:
    """A downloaded copy (Internet by its mark) whose application resolves locally: zones
    differ, Cannot Start Application, and the log holds the exact ERROR SUMMARY."""
    files = publish(AppSpec())
    ctx = context(served(files))
    write_download(ctx, files["App.application"])
    result = activate(ctx, DOWNLOADED)
    assert result.outcome == "failed"
    assert result.error == "Deployment and application do not have matching security zones."
    assert [d.id for d in ctx.record.dialogs] == ["dfshim.cannot_start"]
    assert result.log is not None
    assert ("\t* Activation of C:\\Users\\User\\Downloads\\App.application resulted in "
            "exception. Following failure messages were detected:\n\t\t+ Deployment and "
            "application do not have matching security zones.") in result.log
    assert "System.Deployment.Application.InvalidDeploymentException (Zone)" in result.log
    assert "Deployment url\t\t: file:///C:/Users/User/Downloads/App.application" in result.log
    sections = ["PLATFORM VERSION INFO", "SOURCES", "IDENTITIES", "APPLICATION SUMMARY",
                "ERROR SUMMARY", "COMPONENT STORE TRANSACTION FAILURE SUMMARY", "WARNINGS",
                "OPERATION PROGRESS STATUS", "ERROR DETAILS"]
    positions = [result.log.index(f"{s}\n") for s in sections]
    assert positions == sorted(positions)
    assert ctx.web.bytes_by_client() == {}


def test_local_copy_without_mark_cannot_find_the_application_manifest() -> None:
    """Without Mark-of-the-Web the copy is My Computer, so dfshim looks for the
    application manifest on the disk and reports the failed download."""
    files = publish(AppSpec())
    ctx = context(served(files))
    write_download(ctx, files["App.application"], zone=None)
    result = activate(ctx, DOWNLOADED)
    assert result.error is not None
    assert result.error.startswith("Downloading file:///C:/Users/User/Downloads/Application"
                                   "%20Files/App_1_0_0_0/App.exe.manifest did not succeed.")


def test_downloaded_copy_with_provider_installs_from_the_provider() -> None:
    """A copy naming its deploymentProvider is re-read from the server and installs."""
    files = publish(AppSpec(provider=APP))
    ctx = context(served(files))
    write_download(ctx, files["App.application"])
    result = activate(ctx, DOWNLOADED)
    assert result.outcome == "launched", result.error
    assert any(s.rule == "dfshim.follow_provider" for s in ctx.record.steps)
    assert result.log is not None and "Deployment Provider url\t\t: " + APP in result.log


def test_prompting_level_disabled_blocks_without_asking() -> None:
    """PromptingLevel Internet=Disabled blocks an untrusted app with no dialog."""
    ctx = context(served(publish(AppSpec())))
    assert ctx.machine.registry is not None
    ctx.machine.registry.set_value(PROMPTING_LEVEL_KEY, "Internet", "Disabled")
    result = activate(ctx, APP)
    assert (result.outcome, ctx.record.dialogs) == ("blocked", [])


def test_trusted_publisher_installs_without_a_prompt() -> None:
    """A validly signed manifest from a Trusted Publisher installs silently."""
    ctx = context(served(publish(AppSpec(signer=CONTOSO))))
    assert ctx.machine.registry is not None
    der = known_publisher_certificate("cn=contoso ltd")  # as the shorthand names it
    assert der is not None
    add_certificate(ctx.machine.registry, der)
    assert activate(ctx, APP).outcome == "launched"
    assert ctx.record.dialogs == []


def test_trusted_publisher_matches_by_thumbprint() -> None:
    """The signing certificate in the Trusted Publishers store (under its SHA-1 thumbprint,
    as certmgr writes it) trusts the apps it signed; another publisher's app is prompted."""
    der = known_publisher_certificate(CONTOSO)
    assert der is not None
    ctx = context(served(publish(AppSpec(signer=CONTOSO))))
    assert ctx.machine.registry is not None
    assert add_certificate(ctx.machine.registry, der) == (
        "FFF2833AE2232084184D689EA825082F2A0341D5")
    assert activate(ctx, APP).outcome == "launched"
    assert ctx.record.dialogs == []
    other = context(served(publish(AppSpec(signer=DEVBOX))))
    assert other.machine.registry is not None
    add_certificate(other.machine.registry, der)
    assert activate(other, APP).outcome == "launched"
    assert [d.id for d in other.record.dialogs] == ["dfshim.security_warning"]


def test_self_signed_publisher_is_unknown_and_not_authenticode() -> None:
    """A self-signed (test) certificate shows Unknown Publisher, and AuthenticodeRequired
    blocks it as it blocks an unsigned app; a CA-issued one is prompted for by name."""
    ctx = context(served(publish(AppSpec(signer=DEVBOX))))
    activate(ctx, APP)
    assert "Publisher: Unknown Publisher" in ctx.record.dialogs[0].text
    named = context(served(publish(AppSpec(signer=CONTOSO))))
    activate(named, APP)
    assert "Publisher: Contoso Ltd" in named.record.dialogs[0].text
    blocked = context(served(publish(AppSpec(signer=DEVBOX))))
    assert blocked.machine.registry is not None
    blocked.machine.registry.set_value(PROMPTING_LEVEL_KEY, "Internet", "AuthenticodeRequired")
    assert activate(blocked, APP).outcome == "blocked"


def test_dont_install_cancels() -> None:
    """Don't Install ends the activation as cancelled, nothing installed."""
    ctx = context(served(publish(AppSpec())),
                  answers={"dfshim.security_warning": "dont-install"})
    assert activate(ctx, APP).outcome == "cancelled"
    assert ctx.machine.disk is not None and not ctx.machine.disk.is_file(SHORTCUT)


def test_payload_with_a_wrong_hash_fails() -> None:
    """A payload file whose bytes differ from its manifest hash stops the install."""
    files = publish(AppSpec())
    files["Application Files/App_1_0_0_0/App.exe.deploy"] += b"patched"
    result = activate(context(served(files)), APP)
    assert result.error is not None and result.error.startswith(
        "File, App.exe, has a different computed hash than specified in manifest. invokesim: "
        "App.exe: the manifest records sha256 ")
    assert "the 39 bytes served give" in result.error
    assert "records a size of 32 bytes" in result.error


def test_query_string_reaches_the_app_only_with_trust_url_parameters() -> None:
    """A URL activation's query string is passed on only when the deployment sets
    trustURLParameters."""
    for trust, expected in ((True, "passed to the app"), (False, "not passed to the app")):
        resources = [Resource(url=r.url, body=r.body, any_query=True)
                     for r in served(publish(AppSpec(provider=APP, trust_url_parameters=trust)))]
        ctx = context(resources)
        assert activate(ctx, APP + "?user=7").outcome == "launched"
        notes = [s.detail for s in ctx.record.steps if s.rule == "dfshim.start_app"]
        assert any(n.startswith("query string ?user=7: " + expected) for n in notes)


def test_optional_download_group_file_is_not_fetched() -> None:
    """A file marked optional (a download group) is not downloaded at install, so its
    absence on the server does not stop the install."""
    files = publish(AppSpec(payload={"App.exe": b"MZ", "extra.dat": b"later"}))
    key = "Application Files/App_1_0_0_0/App.exe.manifest"
    old_digest = file_digest(files[key], "sha256")
    files[key] = files[key].replace(b'<file name="extra.dat"',
                                    b'<file name="extra.dat" group="Extras" optional="true"')
    files["App.application"] = files["App.application"].replace(
        old_digest.encode(), file_digest(files[key], "sha256").encode())
    del files["Application Files/App_1_0_0_0/extra.dat.deploy"]
    assert activate(context(served(files)), APP).outcome == "launched"


def test_payload_converted_to_crlf_is_explained_as_line_endings() -> None:
    """A payload whose bytes differ only in line endings gets git's EOL conversion as the
    explanation, beyond Windows' message."""
    spec = AppSpec(payload={"App.exe": b"MZ", "readme.txt": b"one\ntwo\n"})
    files = publish(spec)
    files["Application Files/App_1_0_0_0/readme.txt.deploy"] = b"one\r\ntwo\r\n"
    result = activate(context(served(files)), APP)
    assert result.error is not None and "differs only in line endings" in result.error
    assert "With LF line endings the bytes give the recorded digest" in result.error


def test_missing_application_manifest_is_a_failed_download() -> None:
    """A 404 for the application manifest is "Downloading <url> did not succeed."."""
    files = publish(AppSpec())
    del files["Application Files/App_1_0_0_0/App.exe.manifest"]
    result = activate(context(served(files)), APP)
    assert result.error == (
        f"Downloading {BASE}Application%20Files/App_1_0_0_0/App.exe.manifest did not "
        "succeed. The remote server returned an error: (404) Not Found")


def test_online_only_app_gets_no_shortcut() -> None:
    """install=false runs from the cache without a Start-menu entry."""
    ctx = context(served(publish(AppSpec(install=False, update=None))))
    result = activate(ctx, APP)
    assert result.outcome == "launched"
    assert ctx.machine.disk is not None and not ctx.machine.disk.is_file(SHORTCUT)
    assert result.log is not None and "* Online only application." in result.log


def test_disallow_url_activation_installs_but_does_not_start() -> None:
    """disallowUrlActivation: a URL install does not start the app."""
    ctx = context(served(publish(AppSpec(disallow_url_activation=True))))
    assert activate(ctx, APP).outcome == "launched"
    start = [s.detail for s in ctx.record.steps if s.rule == "dfshim.start_app"]
    assert start and start[0].startswith("disallowUrlActivation")


def test_mandatory_update_skips_the_prompt() -> None:
    """Below minimumRequiredVersion the update is installed without asking."""
    spec = AppSpec(version="2.0.0.0", minimum_required_version="2.0.0.0")
    ctx = context(served(publish(spec)), installed={APP: "1.0.0.0"})
    assert activate(ctx, APP).outcome == "launched"
    assert ctx.record.dialogs == []
    assert any("mandatory" in s.detail for s in ctx.record.steps if s.rule == "dfshim.update")


def test_shortcut_activation_reads_the_appref_ms() -> None:
    """ShOpenVerbShortcut reads URL#identity from the .appref-ms and activates the URL."""
    ctx = context(served(publish(AppSpec())))
    assert ctx.machine.disk is not None
    ctx.machine.disk.write(r"C:\Users\User\Desktop\App.appref-ms", "\ufeff".encode(
        "utf-16-le") + (APP + "#App.application, Culture=neutral").encode("utf-16-le"))
    assert open_shortcut(ctx, r"C:\Users\User\Desktop\App.appref-ms|").outcome == "launched"


def test_shortcut_over_the_network_is_refused() -> None:
    """A .appref-ms on a network share cannot be activated."""
    result = open_shortcut(context([]), r"\\server\share\App.appref-ms|")
    assert result.error == "Shortcuts cannot be activated over the network."


@pytest.mark.parametrize("program", [r"C:\Windows\System32\notepad.exe"])
def test_program_without_a_model_is_left_to_the_engine(program: str) -> None:
    """A started program with no model returns None (the engine counts it as launched)."""
    ctx = context([])
    assert ctx.machine.disk is not None
    ctx.machine.disk.write(r"C:\Users\User\a.txt", b"x")
    launch = shell_execute(ctx.machine, r"C:\Users\User\a.txt").launch
    assert launch is not None and launch.image.lower() == program.lower()
    assert run_handler(ctx, launch) is None
