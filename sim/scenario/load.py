"""Load a scenario: TOML text -> validated :class:`Scenario`, or every problem at once.

Rules:
1. The text is TOML 1.0 read by tomli; a syntax error is reported at its line.
2. The schema (:mod:`sim.scenario.schema`) checks every key; all violations are
   reported together, each at its line, with a "did you mean" where one fits.
3. Then the checks the schema cannot express (docs/scenarios.md): profiles and
   their OS exist; ``macos``/``linux`` have no registry, so ``reg``, ``reg_files``
   and files on ``C:\\`` are errors there; ``mode`` is for ``ie`` only; flags and
   policies are Edge's and must be ones modelled; URLs are absolute, each served
   by at most one ``[[web]]`` entry, and the clicked URL is served (or ``file:``,
   or an app protocol such as ``ms-word:``);
   ``[answers]`` name modelled dialogs and one of their buttons.
4. Paths (``reg_files``, ``body_file``) resolve against the scenario's folder and
   may not leave it (:func:`sim.loader.confined_path`); their content is read here,
   once, so simulating never touches the host.
An invalid scenario raises :class:`~sim.errors.ScenarioError`; nothing is half-loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final
from urllib.parse import urlsplit

import tomli

from sim.errors import ScenarioError, ScenarioProblem
from sim.loader import read_scenario_text
from sim.models.browsers.catalog import resolve_version
from sim.models.browsers.edge_features import MODELLED_FLAGS, MODELLED_POLICIES
from sim.models.browsers.shipped import combination_problem, mode_problem, version_span
from sim.models.dialogs import DIALOGS
from sim.models.handlers.document import BUILTIN_DOCUMENT_HANDLERS
from sim.scenario.files import machine_problems, read_named_files
from sim.scenario.kit import validate
from sim.scenario.problems import decode_problem, dotted, schema_problems, suggest
from sim.scenario.schema import ScenarioFile
from sim.scenario.toml_lines import MAX_DEPTH, KeyPath, TomlTooDeep, key_lines, line_of
from sim.world.machine import WINDOWS_VERSIONS
from sim.world.presets import profile_names
from sim.world.web import normalize_url

__all__ = ["Scenario", "load_scenario"]

STRING_SOURCE = "<string>"

# Browsers that run on some systems only: IE is part of Windows; Edge Legacy
# (EdgeHTML) shipped with Windows 10 only (edge-supported-os, ie-lifecycle).
@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """A validated scenario with every file it names already read.

    Attributes:
        file: the validated TOML content.
        source: the scenario's file name, or ``<string>``.
        reg_texts: ``(name, text)`` of each ``reg_files`` entry, in order.
        bodies: ``[[web]]`` index -> the bytes of its ``body_file``.
        browser_version: the major version ``[browser]`` resolves to, worked out once at
            load (:meth:`from_toml`, :meth:`with_file`); ``None`` only in a scenario built
            by hand, which :func:`sim.simulate` refuses.
        folders: ``[[web]]`` index -> its ``folder``'s files as ``(relative path, bytes)``.
    """

    file: ScenarioFile
    source: str = STRING_SOURCE
    reg_texts: tuple[tuple[str, str], ...] = ()
    bodies: Mapping[int, bytes] = field(default_factory=dict)
    browser_version: int | None = None
    folders: Mapping[int, tuple[tuple[str, bytes], ...]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.file.scenario.title

    @classmethod
    def from_toml(cls, text: str, *, base: str | os.PathLike[str] | None = None,
                  source: str | None = None) -> Scenario:
        """Load a scenario from TOML text; ``base`` is the file its paths are relative to.

        Without ``base``, a scenario that names files (``reg_files``, ``body_file``)
        is refused: there is no folder to confine them to.
        """
        name = source or (os.fspath(base) if base is not None else STRING_SOURCE)
        data = _parse_toml(text, name)
        try:
            lines = key_lines(text)
        except TomlTooDeep as exc:
            raise ScenarioError(name, (ScenarioProblem(line=exc.line, key="",
                                                       message=str(exc)),)) from None
        model, issues = validate(ScenarioFile, data)
        if issues:
            raise ScenarioError(name, tuple(schema_problems(issues, text)))
        version = resolve_version(model.browser.name, model.browser.version, model.machine.os)
        problems = _semantic_problems(model, lines, version)
        reg_texts: tuple[tuple[str, str], ...] = ()
        bodies: dict[int, bytes] = {}
        folders: dict[int, tuple[tuple[str, bytes], ...]] = {}
        try:
            reg_texts, bodies, folders = read_named_files(model, name, base, lines, len(text))
        except ScenarioError as exc:
            problems += exc.problems
        else:
            problems += machine_problems(model, reg_texts, lines, text)
        if problems:
            raise ScenarioError(name, tuple(sorted(problems, key=lambda p: (p.line or 0, p.key))))
        assert isinstance(version, int)  # a str is a problem above
        return cls(file=model, source=name, reg_texts=reg_texts, bodies=bodies,
                   folders=folders, browser_version=version)

    def with_file(self, file: ScenarioFile) -> Scenario:
        """This scenario with ``file`` in place of its content, checked as at load (Rule 3).

        The files it names were read at load and are kept; used to run the same
        click in another configuration (``invokesim matrix``).

        Raises:
            ScenarioError: ``file`` breaks a Rule 3 check (keys without lines).
        """
        version = resolve_version(file.browser.name, file.browser.version, file.machine.os)
        problems = _semantic_problems(file, {}, version)
        if problems:
            raise ScenarioError(self.source, tuple(problems))
        assert isinstance(version, int)  # a str is a problem above
        return replace(self, file=file, browser_version=version)


# tomli's own limits: values nested past its recursion budget, an integer of more
# digits than Python converts (sys.get_int_max_str_digits, 4300 by default).
_MAX_DIGITS: Final = 4300
_LONG_DIGITS: Final = re.compile(rf"[0-9]{{{_MAX_DIGITS},}}")
_DEEP_OPEN: Final = re.compile(rf"(?:[\[{{][ \t\r\n]*){{{MAX_DEPTH}}}")


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    """Rule 1: tomli's dicts, or a ScenarioError at the line of the problem."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ScenarioError(name, (decode_problem(exc),)) from None
    except RecursionError:
        found = _DEEP_OPEN.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        message = (f"expected arrays, inline tables and dotted keys nested at most {MAX_DEPTH} "
                   "levels deep, found deeper nesting")
    except ValueError as exc:  # an integer longer than Python converts
        found = _LONG_DIGITS.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        message = f"expected an integer of at most {_MAX_DIGITS} digits, found a longer one"
        if found is None:
            message = f"expected TOML tomli can read, found: {exc}"
    raise ScenarioError(name, (ScenarioProblem(line=line, key="", message=message),))


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read, validate and load the scenario file at ``path``."""
    return Scenario.from_toml(read_scenario_text(path), base=path)


def _problem(lines: dict[KeyPath, int], path: KeyPath, message: str) -> ScenarioProblem:
    return ScenarioProblem(line=line_of(lines, path), key=dotted(path), message=message)


def _semantic_problems(model: ScenarioFile, lines: dict[KeyPath, int],
                       version: int | str) -> list[ScenarioProblem]:
    """Rule 3: what the schema cannot say (``version``: resolved, or why it cannot be)."""
    problems = [
        *_machine_problems(model, lines),
        *_browser_problems(model, lines, version),
        *_web_problems(model, lines),
        *_answer_problems(model, lines),
        *_handler_problems(model, lines),
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.key))


def _machine_problems(model: ScenarioFile, lines: dict[KeyPath, int]) -> list[ScenarioProblem]:
    problems: list[ScenarioProblem] = []
    machine = model.machine
    known = profile_names()
    for index, profile in enumerate(machine.profiles):
        if profile not in known:
            problems.append(_problem(lines, ("machine", "profiles", index),
                                     f"expected one of {', '.join(known)}, found {profile!r}"
                                     + suggest(profile, known)))
    if machine.os not in WINDOWS_VERSIONS:
        why = f"; {machine.os} has no registry or C: drive"
        for key, present in (("profiles", machine.profiles), ("reg", machine.reg),
                             ("reg_files", machine.reg_files)):
            if present:
                problems.append(_problem(lines, ("machine", key), f"expected none{why}"))
        for path in machine.files:
            if len(path) >= 2 and path[1] == ":":
                problems.append(_problem(lines, ("machine", "files", path),
                                         f"expected no Windows path{why}, found {path!r}"))
    return problems


def _browser_problems(model: ScenarioFile, lines: dict[KeyPath, int],
                      version: int | str) -> list[ScenarioProblem]:
    problems: list[ScenarioProblem] = []
    browser = model.browser
    if isinstance(version, str):
        problems.append(_problem(lines, ("browser", "version"), version))
    else:
        never = combination_problem(browser.name, version, model.machine.os)
        if never is not None:
            key = "version" if version_span(browser.name, model.machine.os) else "name"
            problems.append(_problem(lines, ("browser", key), never))
    immersive = mode_problem(browser.name, browser.mode, model.machine.os)
    if immersive is not None:
        problems.append(_problem(lines, ("browser", "mode"), immersive))
    if browser.extensions and browser.name not in ("chrome", "edge"):
        problems.append(_problem(lines, ("browser", "extensions"),
                                 "expected no extensions (Chrome extensions run in chrome and "
                                 f"edge), found them with browser {browser.name!r}"))
    if browser.mode is not None and browser.name != "ie":
        problems.append(_problem(lines, ("browser", "mode"),
                                 f"expected no mode (it is for ie only), found {browser.mode!r} "
                                 f"with browser {browser.name!r}"))
    for table, known_names in (("flags", MODELLED_FLAGS), ("policies", MODELLED_POLICIES)):
        given: dict[str, object] = getattr(browser, table)
        for name in given:
            if browser.name != "edge":
                problems.append(_problem(lines, ("browser", table, name),
                                         f"expected no {table} (modelled for edge only), "
                                         f"found {name!r} with browser {browser.name!r}"))
            elif name not in known_names:
                problems.append(_problem(lines, ("browser", table, name),
                                         f"expected one of the modelled {table} "
                                         f"{', '.join(known_names)}, found {name!r}"
                                         + suggest(name, known_names)))
    return problems


def _web_problems(model: ScenarioFile, lines: dict[KeyPath, int]) -> list[ScenarioProblem]:
    problems: list[ScenarioProblem] = []
    first: dict[str, int] = {}
    for index, resource in enumerate(model.web):
        url = _absolute(resource.url)
        if url is None:
            problems.append(_problem(lines, ("web", index, "url"),
                                     "expected an absolute URL (scheme://host/path), "
                                     f"found {resource.url!r}"))
        elif url in first:
            problems.append(_problem(lines, ("web", index, "url"),
                                     f"expected each URL once, found {resource.url!r} again "
                                     f"(first at web[{first[url]}])"))
        else:
            first[url] = index
    if model.click is not None and _app_protocol(model.click.url):
        if not _parses(model.click.url):  # an app protocol link (ms-word:...): no server
            problems.append(_problem(lines, ("click", "url"), "expected a URL that parses "
                                     f"(no unclosed [ of an IPv6 host), found {model.click.url!r}"))
    elif model.click is not None:
        clicked = _absolute(model.click.url)
        if clicked is None:
            problems.append(_problem(lines, ("click", "url"), "expected an absolute URL "
                                     f"(scheme://host/path), found {model.click.url!r}"))
        elif clicked not in first and not clicked.startswith("file:") and not any(
                r.folder is not None and clicked.startswith(normalize_url(r.url))
                for r in model.web):
            served = ", ".join(r.url for r in model.web) or "none"
            problems.append(_problem(lines, ("click", "url"),
                                     f"expected a URL served by a [[web]] entry ({served}), "
                                     f"found {model.click.url!r}"))
    return problems


def _answer_problems(model: ScenarioFile, lines: dict[KeyPath, int]) -> list[ScenarioProblem]:
    """``[answers]`` name modelled dialogs and one of their buttons (sim.models.dialogs)."""
    problems: list[ScenarioProblem] = []
    for dialog_id, answer in model.answers.items():
        spec = DIALOGS.get(dialog_id)
        if spec is None:
            problems.append(_problem(lines, ("answers", dialog_id),
                                     f"expected a dialog id such as edge.open_file, found "
                                     f"{dialog_id!r}" + suggest(dialog_id, DIALOGS)))
        elif answer not in spec.buttons:
            problems.append(_problem(lines, ("answers", dialog_id),
                                     f"expected one of {', '.join(spec.buttons)}, found "
                                     f"{answer!r}" + suggest(answer, spec.buttons)))
    return problems


_VERSION: Final = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


def _handler_problems(model: ScenarioFile, lines: dict[KeyPath, int]) -> list[ScenarioProblem]:
    """``[handlers]``: a new name needs ``image``; URLs absolute; installed versions a.b.c.d."""
    problems: list[ScenarioProblem] = []
    for name, handler in model.handlers.items():
        if handler.image is None and name not in BUILTIN_DOCUMENT_HANDLERS:
            problems.append(_problem(lines, ("handlers", name),
                                     "expected image = '<full path of the program>' for a new "
                                     f"handler (built in: {', '.join(BUILTIN_DOCUMENT_HANDLERS)})"
                                     f", found none" + suggest(name, BUILTIN_DOCUMENT_HANDLERS)))
        if handler.image is not None and not re.match(r"^[A-Za-z]:\\", handler.image):
            problems.append(_problem(lines, ("handlers", name, "image"),
                                     "expected a full Windows path like C:\\Program Files\\"
                                     f"App\\app.exe, found {handler.image!r}"))
        for index, url in enumerate(handler.cache):
            if _absolute(url) is None:
                problems.append(_problem(lines, ("handlers", name, "cache", index),
                                         f"expected an absolute URL, found {url!r}"))
    for url, version in model.machine.clickonce_installed.items():
        if _absolute(url) is None:
            problems.append(_problem(lines, ("machine", "clickonce_installed", url),
                                     f"expected an absolute deployment URL, found {url!r}"))
        if not _VERSION.match(version):
            problems.append(_problem(lines, ("machine", "clickonce_installed", url),
                                     f"expected a four-part version like 1.0.0.0, found "
                                     f"{version!r}"))
    return problems


def _app_protocol(url: str) -> bool:
    """A link to an app protocol (``ms-word:ofe|u|...``): a scheme that is not a web one."""
    scheme, colon, _rest = url.strip().partition(":")
    web = ("http", "https", "file", "ftp")
    return bool(colon) and scheme.lower() not in web and scheme.replace("-", "").replace(
        "+", "").replace(".", "").isalnum() and len(scheme) > 1


def _parses(url: str) -> bool:
    """Whether ``url`` can be split into its parts at all."""
    try:
        urlsplit(url.strip())
    except ValueError:
        return False
    return True


def _absolute(url: str) -> str | None:
    """The normalized URL, or ``None`` when it is not absolute (no scheme or host) or does
    not parse (an unclosed ``[`` of an IPv6 host, a port past 65535)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - a bad port raises here
        hostname = parts.hostname
        if not parts.scheme or (not hostname and parts.scheme != "file"):
            return None
        return normalize_url(url)
    except ValueError:
        return None


