"""ShellExecute: from a file or URL to a started process, or the error Windows shows.

The order (:data:`EXECUTE_RULES`; win32-shellexecute):

1. A URL with a class (a browser's DirectInvoke passes the MIME type's ProgID):
   the class's verb command; if the verb takes the URL (:mod:`sim.shell.urlcap`)
   ``%1`` is the URL, else the shell downloads the URL to the Internet cache and
   ``%1`` is the local copy. A URL without a class is an app protocol: its scheme
   key must carry ``URL Protocol`` (else no association) and its verb gets the
   whole URL. ``file:`` URLs become paths.
2. A file: it must exist (else "file not found"); ``.exe .com .bat .cmd .pif``
   run themselves; any other file goes through its extension's association
   (:mod:`sim.shell.assoc`); none is "no association", which Windows answers with
   its "How do you want to open this file?" chooser.
3. The command is expanded (:mod:`sim.shell.expand`), its program found (a full
   path as given; a bare name in the Windows folder, System32, the PATH, then App
   Paths, ``.exe`` added when it has no extension;
   https://learn.microsoft.com/windows/win32/shell/app-registration), and the
   process starts with that command line, which it splits with
   CommandLineToArgvW (:mod:`sim.shell.argv`).
"""

from __future__ import annotations

import ntpath
import re
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import unquote, urlsplit

from sim.core.rules import Rule, Step, rule_table
from sim.registry import Registry
from sim.shell.argv import command_line_to_argv
from sim.shell.assoc import Association, associate, associate_class, extension_of
from sim.shell.expand import expand_command
from sim.shell.urlcap import UrlSupport, app_paths_key, url_support
from sim.world.disk import DiskError, DiskFile
from sim.world.machine import Fetcher, Machine

__all__ = [
    "EXECUTE_RULES",
    "SE_ERR_FNF",
    "SE_ERR_NOASSOC",
    "Launch",
    "ShellError",
    "ShellResult",
    "file_url_to_path",
    "is_url",
    "shell_execute",
    "verb_url_support",
]

SE_ERR_FNF: Final = 2
SE_ERR_NOASSOC: Final = 31
ERROR_FILE_NOT_FOUND: Final = 2
ERROR_NO_ASSOCIATION: Final = 1155
ERROR_INVALID_NAME: Final = 123
# FormatMessage text of ERROR_INVALID_NAME (System Error Codes 0-499:
# https://learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-).
_INVALID_NAME: Final = "The filename, directory name, or volume label syntax is incorrect."
EXECUTABLE_EXTENSIONS: Final = frozenset({".exe", ".com", ".bat", ".cmd", ".pif"})

EXECUTE_RULES: Final = rule_table(
    [
        Rule(id="shell.url_to_verb", source='win32-shellexecute: parameter lpFile and lpClass',
             summary="a URL given with a class goes to that class's verb"),
        Rule(id="shell.url_argument", source=(
            'win32-app-registration: the browser hands the verb the URL itself when the '
            'handler supports it (SupportedProtocols, UseUrl); edge-co-di: the browser "passes '
            'the URL as an argument"'),
             summary="the caller passes the URL as the verb's argument: no local copy"),
        Rule(id="shell.url_download_to_cache", source=(
            'win32-app-registration: inferred from UseUrl: the shell downloads a local copy '
            'for a verb that takes no URL'),
             inferred=True,
             summary="a verb that takes no URL gets a copy downloaded to the Internet cache "
             "(the copy carries no Mark-of-the-Web [inf: no source says it does])"),
        Rule(id="shell.url_protocol", source=(
            'wine-shlexec-tests: URL protocols need the "URL Protocol" value'),
             summary="an app protocol's scheme key needs URL Protocol; its verb gets the URL"),
        Rule(id="shell.file_url", source=(
            "wine-shlexec: SHELL_execute converts file: URLs to paths (PathCreateFromUrl)"),
             summary="a file: URL is opened as the path it names"),
        Rule(id="shell.file_not_found", source=(
            'win32-shellexecute: section "Return value": ERROR_FILE_NOT_FOUND'),
             summary="the file does not exist"),
        Rule(id="shell.run_executable", source=(
            "wine-shlexec: SHELL_FindExecutable, executables run directly"),
             summary=".exe .com .bat .cmd .pif files run themselves"),
        Rule(id="shell.expand_command", source=(
            "wine-shlexec: SHELL_ArgifyW; wine-shlexec-tests: the %-placeholder cases"),
             summary="the verb's command template is expanded for the target"),
        Rule(id="shell.find_program", source=(
            "win32-app-registration: the search order for an executable, App Paths last"),
             summary="a bare program name is searched in Windows, System32, PATH, then App Paths"),
        Rule(id="shell.program_not_found", source=(
            'win32-shellexecute: section "Return value": ERROR_FILE_NOT_FOUND'),
             summary="the verb's program does not exist"),
        Rule(id="shell.launch", source=(
            "win32-commandlinetoargvw: the backslash and quote rules in Remarks"),
             summary="the process starts and splits its command line with CommandLineToArgvW"),
    ]
)

# Windows 10's texts [inf: Windows 10 wording as commonly reported].
_NOT_FOUND: Final = ("Windows cannot find '{path}'. Make sure you typed the name correctly, "
                     "and then try again.")
_NO_ASSOC: Final = "How do you want to open this file?"

_SCHEME: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")


@dataclass(frozen=True, slots=True, kw_only=True)
class Launch:
    """A started process."""

    image: str
    command_line: str
    argv: tuple[str, ...]
    verb: str | None
    target: str  # what %1 became: the URL, or a local path
    url: str | None = None  # the URL handed over, when the verb took it


@dataclass(frozen=True, slots=True, kw_only=True)
class ShellError:
    """A ShellExecute failure: the SE_ERR code, the Win32 error and what the user sees."""

    code: int
    winerror: int
    message: str
    dialog: str | None = None  # "shell.open_with" for the "How do you want to open" chooser


@dataclass(frozen=True, slots=True, kw_only=True)
class ShellResult:
    """The outcome of one ShellExecute: a launch or an error, and how it got there."""

    launch: Launch | None = None
    error: ShellError | None = None
    association: Association | None = None
    downloaded: DiskFile | None = None
    bytes_fetched: int = 0
    steps: tuple[Step, ...] = field(default=())


def is_url(text: str) -> bool:
    """Tell whether ``text`` is a URL (a scheme of two or more characters and a colon)."""
    return _SCHEME.match(text) is not None


def file_url_to_path(url: str) -> str | None:
    """Return the path a ``file:`` URL names (PathCreateFromUrl), or None if it names none."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    path = unquote(parts.path).replace("/", "\\")
    if host in ("", "localhost"):
        path = path.lstrip("\\")
        return path if re.match(r"^[A-Za-z]:", path) else None
    if ":" in host or not re.match(r"^[A-Za-z0-9_.-]+$", host):
        return None
    return f"\\\\{parts.netloc}{path}"


def _error(code: int, winerror: int, message: str, steps: list[Step], *,
           dialog: str | None = None, association: Association | None = None) -> ShellResult:
    return ShellResult(error=ShellError(code=code, winerror=winerror, message=message,
                                        dialog=dialog),
                       association=association, steps=tuple(steps))


def _find_program(machine: Machine, reg: Registry, program: str) -> str | None:
    """Step 3: the full path of a verb's program, or None."""
    disk = machine.disk
    assert disk is not None
    if "\\" in program or "/" in program:
        return program if disk.is_file(program) else None
    name = program if extension_of(program) else program + ".exe"
    env = disk.environment
    folders = [env["SystemRoot"], env["SystemRoot"] + "\\System32"]
    folders += [p for p in env.get("Path", "").split(";") if p]
    for folder in folders:
        candidate = f"{folder}\\{name}"
        if disk.is_file(candidate):
            return disk.get(candidate).path  # type: ignore[union-attr]
    app = app_paths_key(reg, name)
    if app is not None:
        default = reg.get_value(app)
        if default is not None and default.text and disk.is_file(default.text.strip('"')):
            return default.text.strip('"')
    return None


def _start(machine: Machine, reg: Registry, assoc: Association, *, target: str, parameters: str,
           steps: list[Step], url: str | None = None) -> ShellResult:
    assert assoc.command is not None
    command_line = expand_command(assoc.command, target, parameters)
    steps.append(Step("shell.expand_command", command_line))
    program = command_line_to_argv(command_line)[0]
    try:
        image = _find_program(machine, reg, program)
    except DiskError:  # a character Windows forbids in a path: CreateProcess refuses it
        steps.append(Step("shell.program_not_found", f"{program} (ERROR_INVALID_NAME)"))
        return _error(SE_ERR_FNF, ERROR_INVALID_NAME, f"{program}: {_INVALID_NAME}", steps,
                      association=assoc)
    if image is None:
        steps.append(Step("shell.program_not_found", program))
        return _error(SE_ERR_FNF, ERROR_FILE_NOT_FOUND, _NOT_FOUND.format(path=program), steps,
                      association=assoc)
    if image != program:
        steps.append(Step("shell.find_program", f"{program} -> {image}"))
    argv = tuple(command_line_to_argv(command_line))
    steps.append(Step("shell.launch", image))
    launch = Launch(image=image, command_line=command_line, argv=argv, verb=assoc.verb,
                    target=target, url=url)
    return ShellResult(launch=launch, association=assoc, steps=tuple(steps))


def _download_to_cache(machine: Machine, url: str, fetch: Fetcher | None,
                       steps: list[Step]) -> tuple[DiskFile | None, int, str | None]:
    """Fetch ``url`` into the Internet cache; return (file, bytes, error)."""
    disk = machine.disk
    assert disk is not None
    if fetch is None:
        return None, 0, f"Downloading {url} is not possible: no network"
    result = fetch(url)
    if not result.ok:
        return None, len(result.body), result.error or f"HTTP {result.status}"
    name = ntpath.basename(unquote(urlsplit(url).path).replace("/", "\\")) or "download"
    folder = disk.folders["InternetCache"]
    try:
        name = disk.unique_name(folder, name)
    except DiskError:
        name = "download"
    stored = disk.write(f"{folder}\\{name}", result.body)
    steps.append(Step("shell.url_download_to_cache", f"{url} -> {stored.path}"))
    return stored, len(result.body), None


def verb_url_support(machine: Machine, assoc: Association, scheme: str) -> UrlSupport:
    """Whether the verb ``assoc`` found takes a ``scheme`` URL (:mod:`sim.shell.urlcap`).

    Browsers ask this before DirectInvoke: the default handler must accept the URL.
    """
    assert machine.registry is not None
    exe = ntpath.basename(command_line_to_argv(assoc.command or "")[0]) if assoc.command else ""
    return url_support(machine.registry, exe=exe, scheme=scheme,
                       delegate_clsid=assoc.delegate_clsid, edit_flags=assoc.edit_flags,
                       windows8_or_later=machine.windows_at_least("windows-8"))


def _execute_url(machine: Machine, reg: Registry, url: str, *, verb: str | None,
                 cls: str | None, parameters: str, fetch: Fetcher | None,
                 steps: list[Step], url_argument: bool = False) -> ShellResult:
    scheme = _SCHEME.match(url).group(1).lower()  # type: ignore[union-attr]
    env = machine.disk.environment if machine.disk else {}
    if cls is None:
        if reg.get_value(rf"HKEY_CLASSES_ROOT\{scheme}", "URL Protocol") is None:
            steps.append(Step("shell.url_protocol", f"{scheme}: no URL Protocol key"))
            return _error(SE_ERR_NOASSOC, ERROR_NO_ASSOCIATION, _NO_ASSOC, steps)
        steps.append(Step("shell.url_protocol", scheme))
        assoc = associate_class(reg, scheme, verb, environment=env, steps=steps)
        if not assoc.found:
            return _error(SE_ERR_NOASSOC, ERROR_NO_ASSOCIATION, _NO_ASSOC, list(assoc.steps))
        return _start(machine, reg, assoc, target=url, parameters=parameters,
                      steps=list(assoc.steps), url=url)
    steps.append(Step("shell.url_to_verb", f"{url} with class {cls}"))
    assoc = associate_class(reg, cls, verb, environment=env, steps=steps)
    if not assoc.found:
        return _error(SE_ERR_NOASSOC, ERROR_NO_ASSOCIATION, _NO_ASSOC, list(assoc.steps),
                      dialog="shell.open_with", association=assoc)
    steps = list(assoc.steps)
    if url_argument:
        steps.append(Step("shell.url_argument", f"{cls}: {url}"))
        return _start(machine, reg, assoc, target=url, parameters=parameters, steps=steps,
                      url=url)
    support = verb_url_support(machine, assoc, scheme)
    steps.append(support.step)
    if support.accepted:
        return _start(machine, reg, assoc, target=url, parameters=parameters, steps=steps,
                      url=url)
    stored, moved, failure = _download_to_cache(machine, url, fetch, steps)
    if stored is None:
        steps.append(Step("shell.url_download_to_cache", f"{url}: {failure}"))
        return ShellResult(error=ShellError(code=SE_ERR_FNF, winerror=ERROR_FILE_NOT_FOUND,
                                            message=f"{failure}"),
                           association=assoc, bytes_fetched=moved, steps=tuple(steps))
    result = _start(machine, reg, assoc, target=stored.path, parameters=parameters,
                    steps=steps)
    return ShellResult(launch=result.launch, error=result.error, association=assoc,
                       downloaded=stored, bytes_fetched=moved, steps=result.steps)


def _execute_file(machine: Machine, reg: Registry, path: str, *, verb: str | None,
                  cls: str | None, parameters: str, steps: list[Step]) -> ShellResult:
    disk = machine.disk
    assert disk is not None
    try:
        found = disk.get(path)
    except DiskError:
        found = None
    if found is None:
        steps.append(Step("shell.file_not_found", path))
        return _error(SE_ERR_FNF, ERROR_FILE_NOT_FOUND, _NOT_FOUND.format(path=path), steps)
    ext = extension_of(found.path).lower()
    if cls is not None:  # SEE_MASK_CLASSNAME: the class decides, even for an .exe
        env = disk.environment
        assoc = (associate(reg, cls, verb, environment=env, steps=steps) if cls.startswith(".")
                 else associate_class(reg, cls, verb, environment=env, steps=steps))
        if not assoc.found:
            return _error(SE_ERR_NOASSOC, ERROR_NO_ASSOCIATION, _NO_ASSOC, list(assoc.steps),
                          dialog="shell.open_with", association=assoc)
        return _start(machine, reg, assoc, target=found.path, parameters=parameters,
                      steps=list(assoc.steps))
    if ext in EXECUTABLE_EXTENSIONS and verb in (None, "open"):
        steps.append(Step("shell.run_executable", found.path))
        line = f'"{found.path}"' + (f" {parameters}" if parameters else "")
        argv = tuple(command_line_to_argv(line))
        launch = Launch(image=found.path, command_line=line, argv=argv, verb="open",
                        target=found.path)
        return ShellResult(launch=launch, steps=tuple(steps))
    assoc = associate(reg, ext, verb, environment=disk.environment, steps=steps)
    if not assoc.found:
        return _error(SE_ERR_NOASSOC, ERROR_NO_ASSOCIATION, _NO_ASSOC, list(assoc.steps),
                      dialog="shell.open_with", association=assoc)
    return _start(machine, reg, assoc, target=found.path, parameters=parameters,
                  steps=list(assoc.steps))


def shell_execute(
    machine: Machine,
    file_or_url: str,
    verb: str | None = None,
    *,
    cls: str | None = None,
    parameters: str = "",
    fetch: Fetcher | None = None,
    url_argument: bool = False,
) -> ShellResult:
    """Run ShellExecuteEx on a simulated Windows machine.

    Args:
        machine: a Windows machine (it has a registry and a disk).
        file_or_url: lpFile: a path or a URL (surrounding quotes are stripped).
        verb: lpVerb; None for the default verb.
        cls: lpClass (SEE_MASK_CLASSNAME): the ProgID (or ``.ext``) to use instead of the
            file's own association, as a browser passes it for DirectInvoke.
        parameters: lpParameters.
        fetch: how the shell downloads a URL for a verb that takes none.
        url_argument: the caller hands the URL to the class's verb as its argument
            itself (Edge's ClickOnce, IE's MIME handler), so the verb gets the URL
            whatever its URL registration: no local copy is downloaded.

    Raises:
        ValueError: the machine is not a Windows machine.
    """
    if machine.registry is None or machine.disk is None:
        raise ValueError(f"shell_execute: expected a Windows machine, found {machine.os}")
    reg = machine.registry
    target = file_or_url.strip('"')
    steps: list[Step] = []
    if is_url(target) and not target.lower().startswith("file:"):
        return _execute_url(machine, reg, target, verb=verb, cls=cls, parameters=parameters,
                            url_argument=url_argument,
                            fetch=fetch, steps=steps)
    if target.lower().startswith("file:"):
        path = file_url_to_path(target)
        steps.append(Step("shell.file_url", f"{target} -> {path}"))
        if path is None:
            return _error(SE_ERR_FNF, ERROR_FILE_NOT_FOUND, _NOT_FOUND.format(path=target), steps)
        target = path
    return _execute_file(machine, reg, target, verb=verb, cls=cls, parameters=parameters,
                         steps=steps)
