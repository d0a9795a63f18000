"""ShellExecute, associations and URL support on preset machines: one test per route."""

from __future__ import annotations

import pytest

from sim.shell import associate, associate_mime, shell_execute
from sim.shell.editflags import decode_edit_flags
from sim.shell.execute import SE_ERR_FNF, SE_ERR_NOASSOC, file_url_to_path, is_url
from sim.world.machine import FetchResult, Machine
from sim.world.presets import machine_for_os

DOWNLOADS = r"C:\Users\User\Downloads"
URL = "https://example.test/app/App.application"
RUNDLL = r"C:\Windows\System32\rundll32.exe"
DFSHIM = r"C:\Windows\System32\dfshim.dll,ShOpenVerbApplication"
FUZZLE = r"""
[HKEY_CURRENT_USER\Software\Classes\.fuzzle]
@="Fuzzle.Document"
"Content Type"="application/x-fuzzle"

[HKEY_CURRENT_USER\Software\Classes\MIME\Database\Content Type\application/x-fuzzle]
"Extension"=".fuzzle"

[HKEY_CURRENT_USER\Software\Classes\Fuzzle.Document\shell\open\command]
@="\"C:\\Program Files\\Fuzzle\\fuzzle.exe\" \"%1\""
"""


def machine(os: str = "windows-10", *profiles: str, reg: str = "") -> Machine:
    m = machine_for_os(os, profiles)
    assert m.registry is not None
    if reg:
        m.registry.import_reg("Windows Registry Editor Version 5.00\n" + reg, strict=True)
    return m


def served(body: bytes) -> FetchResult:
    return FetchResult(url=URL, status=200, body=body)


class TestFileRoutes:
    def test_downloaded_application_opens_with_dfshim_by_path(self) -> None:
        """A local .application starts rundll32 dfshim.dll,ShOpenVerbApplication <path>."""
        m = machine()
        path = rf"{DOWNLOADS}\App.application"
        m.disk.write(path, b"<assembly/>")  # type: ignore[union-attr]
        launch = shell_execute(m, path).launch
        assert launch is not None and launch.argv == (RUNDLL, DFSHIM, path)

    def test_missing_file_is_file_not_found(self) -> None:
        """A path that does not exist gives SE_ERR_FNF and Windows' message."""
        error = shell_execute(machine(), r"C:\nope\a.txt").error
        assert error is not None and error.code == SE_ERR_FNF
        assert error.message.startswith("Windows cannot find 'C:\\nope\\a.txt'")

    def test_unregistered_type_asks_how_to_open(self) -> None:
        """No association: SE_ERR_NOASSOC and the 'How do you want to open' chooser."""
        m = machine()
        m.disk.write(rf"{DOWNLOADS}\q3.fuzzle", b"x")  # type: ignore[union-attr]
        error = shell_execute(m, rf"{DOWNLOADS}\q3.fuzzle").error
        assert error is not None and error.code == SE_ERR_NOASSOC
        assert error.dialog == "shell.open_with"

    def test_missing_handler_program_is_file_not_found(self) -> None:
        """A registered verb whose program is not on disk fails as file not found."""
        m = machine(reg=FUZZLE)
        m.disk.write(rf"{DOWNLOADS}\q3.fuzzle", b"x")  # type: ignore[union-attr]
        result = shell_execute(m, rf"{DOWNLOADS}\q3.fuzzle")
        assert result.error is not None and "fuzzle.exe" in result.error.message
        assert result.steps[-1].rule == "shell.program_not_found"

    def test_expand_sz_command_and_search_path(self) -> None:
        """.txt's REG_EXPAND_SZ command expands %SystemRoot% and finds Notepad."""
        m = machine()
        m.disk.write(rf"{DOWNLOADS}\a.txt", b"x")  # type: ignore[union-attr]
        launch = shell_execute(m, rf"{DOWNLOADS}\a.txt").launch
        assert launch is not None
        assert launch.argv == (r"C:\Windows\system32\NOTEPAD.EXE", rf"{DOWNLOADS}\a.txt")

    def test_executables_run_themselves_with_parameters(self) -> None:
        """An .exe starts directly, lpParameters appended."""
        m = machine()
        launch = shell_execute(m, r"C:\Windows\System32\cmd.exe", parameters="/c echo").launch
        assert launch is not None and launch.argv == (r"C:\Windows\System32\cmd.exe", "/c", "echo")

    def test_file_url_opens_the_path(self) -> None:
        """file:///C:/... is opened as C:\\..."""
        m = machine()
        m.disk.write(rf"{DOWNLOADS}\App.application", b"x")  # type: ignore[union-attr]
        launch = shell_execute(m, "file:///C:/Users/User/Downloads/App.application").launch
        assert launch is not None and launch.argv[-1] == rf"{DOWNLOADS}\App.application"


class TestUrlRoutes:
    def test_always_use_direct_invoke_passes_the_url(self) -> None:
        """On Windows 8+, Application.Manifest's FTA_AlwaysUseDirectInvoke hands dfshim the URL."""
        result = shell_execute(machine(), URL, cls="Application.Manifest")
        assert result.launch is not None and result.launch.argv == (RUNDLL, DFSHIM, URL)
        assert result.launch.url == URL and result.bytes_fetched == 0
        assert "shell.always_use_direct_invoke" in [s.rule for s in result.steps]

    def test_windows7_downloads_to_the_cache_first(self) -> None:
        """Without the flag (Windows 7), the shell downloads a copy and passes its path."""
        result = shell_execute(machine("windows-7"), URL, cls="Application.Manifest",
                               fetch=lambda url: served(b"<assembly/>"))
        assert result.launch is not None and result.bytes_fetched == 11
        cached = r"C:\Users\User\AppData\Local\Microsoft\Windows\INetCache\App.application"
        assert result.launch.argv[-1] == cached and result.downloaded is not None

    def test_download_failure_is_an_error_with_the_bytes_moved(self) -> None:
        """A failed cache download ends in an error, nothing started."""
        result = shell_execute(machine("windows-7"), URL, cls="Application.Manifest",
                               fetch=lambda url: FetchResult(url=url, status=404))
        assert result.launch is None and result.error is not None

    def test_use_url_hands_word_the_url(self) -> None:
        """Office's App Paths UseUrl=1 makes Word take the URL."""
        result = shell_execute(machine("windows-10", "office"), "https://x.test/a.docx",
                               cls="Word.Document.12")
        assert result.launch is not None and result.launch.argv[-1] == "https://x.test/a.docx"
        assert "shell.app_paths_use_url" in [s.rule for s in result.steps]

    def test_supported_protocols_under_applications(self) -> None:
        """HKCR\\Applications\\<exe>\\SupportedProtocols with http makes the verb take URLs."""
        reg = FUZZLE + (
            "\n[HKEY_CURRENT_USER\\Software\\Classes\\Applications\\fuzzle.exe\\"
            'SupportedProtocols]\n"http"=""\n"https"=""\n'
        )
        m = machine(reg=reg)
        m.disk.write(r"C:\Program Files\Fuzzle\fuzzle.exe", b"")  # type: ignore[union-attr]
        result = shell_execute(m, "https://x.test/q3.fuzzle", cls="Fuzzle.Document")
        assert result.launch is not None and result.launch.url == "https://x.test/q3.fuzzle"

    def test_app_protocol_gets_the_whole_url(self) -> None:
        """ms-word:ofe|u|<url> goes to the ms-word protocol handler unchanged."""
        url = "ms-word:ofe|u|https://x.test/a.docx"
        launch = shell_execute(machine("windows-10", "office"), url).launch
        assert launch is not None and launch.argv[-1] == url

    def test_unregistered_protocol_is_no_association(self) -> None:
        """A scheme key without URL Protocol is not a protocol."""
        error = shell_execute(machine(), "ms-word:ofe|u|https://x.test/a.docx").error
        assert error is not None and error.code == SE_ERR_NOASSOC


class TestAssociations:
    def test_mime_type_resolves_through_the_mime_database(self) -> None:
        """application/x-ms-application -> .application -> Application.Manifest."""
        reg = machine().registry
        assert reg is not None
        assoc = associate_mime(reg, "application/x-ms-application; charset=x")
        assert assoc.progid == "Application.Manifest" and assoc.verb == "open"
        flags = decode_edit_flags(assoc.edit_flags)
        assert flags == ("FTA_OpenIsSafe", "FTA_AlwaysUseDirectInvoke")

    def test_user_choice_wins_when_it_has_a_hash(self) -> None:
        """UserChoice ProgId with a Hash overrides the extension's default."""
        choice = (r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Explorer"
                  r"\FileExts\.txt\UserChoice")
        m = machine(reg=FUZZLE + f'\n[{choice}]\n"ProgId"="Fuzzle.Document"\n"Hash"="x"\n')
        assert associate(m.registry, ".txt").progid == "Fuzzle.Document"  # type: ignore[arg-type]

    def test_user_choice_without_hash_is_reset(self) -> None:
        """A UserChoice without its Hash is ignored."""
        choice = (r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Explorer"
                  r"\FileExts\.txt\UserChoice")
        m = machine(reg=FUZZLE + f'\n[{choice}]\n"ProgId"="Fuzzle.Document"\n')
        assoc = associate(m.registry, ".txt")  # type: ignore[arg-type]
        assert assoc.progid == "txtfile"
        assert "shell.user_choice_reset" in [s.rule for s in assoc.steps]

    def test_open_with_progids_is_the_fallback(self) -> None:
        """An extension with no default value uses OpenWithProgids."""
        reg = FUZZLE.replace('@="Fuzzle.Document"\n', "") + (
            "\n[HKEY_CURRENT_USER\\Software\\Classes\\.fuzzle\\OpenWithProgids]\n"
            '"Fuzzle.Document"=""\n'
        )
        registry = machine(reg=reg).registry
        assert registry is not None
        assert associate(registry, ".fuzzle").progid == "Fuzzle.Document"

    @pytest.mark.parametrize(
        ("default", "verbs", "expected"),
        [("edit", ["open", "edit"], "edit"), ("", ["print", "open"], "open"),
         ("", ["print", "edit"], "edit"), ("missing", ["print"], "print")],
    )
    def test_default_verb_rules(self, default: str, verbs: list[str], expected: str) -> None:
        """shell's default value if it has a command, else open, else the first verb."""
        lines = ["[HKEY_CURRENT_USER\\Software\\Classes\\V.Doc\\shell]", f'@="{default}"']
        for verb in verbs:
            lines += [f"[HKEY_CURRENT_USER\\Software\\Classes\\V.Doc\\shell\\{verb}\\command]",
                      f'@="x.exe {verb}"']
        lines += ["[HKEY_CURRENT_USER\\Software\\Classes\\.v]", '@="V.Doc"']
        reg = "\n" + "\n".join(lines) + "\n"
        assert associate(machine(reg=reg).registry, ".v").verb == expected  # type: ignore[arg-type]


class TestUrls:
    @pytest.mark.parametrize(
        ("url", "path"),
        [("file:///C:/a/b%20c.txt", r"C:\a\b c.txt"), ("file://localhost/C:/a", r"C:\a"),
         ("file://server/share/x", r"\\server\share\x"), ("file://localhost:80/C:/a", None)],
    )
    def test_file_urls(self, url: str, path: str | None) -> None:
        """file: URLs map to drive paths or UNC paths; a port is refused."""
        assert file_url_to_path(url) == path

    def test_drive_letters_are_not_urls(self) -> None:
        """C:\\x is a path; two-letter schemes and longer are URLs."""
        assert not is_url(r"C:\x") and is_url("ms-word:x") and is_url("https://x")


class TestDanger:
    def test_high_risk_extensions_and_always_unsafe_are_dangerous(self) -> None:
        """.exe is dangerous by extension; any type with FTA_AlwaysUnsafe is too."""
        from sim.shell.editflags import FTA_ALWAYS_UNSAFE, is_dangerous

        assert is_dangerous(".EXE", 0) and not is_dangerous(".fuzzle", 0)
        assert is_dangerous(".fuzzle", FTA_ALWAYS_UNSAFE)

    def test_open_is_safe_needs_a_safe_type(self) -> None:
        """FTA_OpenIsSafe holds only for a type that is not dangerous."""
        from sim.shell.editflags import FTA_OPEN_IS_SAFE, open_is_safe

        assert open_is_safe(".application", FTA_OPEN_IS_SAFE)
        assert not open_is_safe(".exe", FTA_OPEN_IS_SAFE)
        assert not open_is_safe(".txt", 0)
