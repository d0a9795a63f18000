"""pytest plugin: scenario files as test items (``pytest scenarios/``).

Installing invokesim registers this module through the ``pytest11`` entry point
(https://docs.pytest.org/en/stable/how-to/writing_plugins.html#setuptools-entry-points),
following pytest's "non-python tests" pattern
(https://docs.pytest.org/en/stable/example/nonpython.html;
the project's design notes).

Rules:
1. **What is collected.** A ``.toml`` file is a scenario item when it has a
   top-level ``[scenario]`` table (or, when it is not valid TOML, a ``[scenario]``
   header line, so a syntax error is reported rather than skipped) and it lies
   under a *scenario root*: a path given on the command line, or a folder named
   by the ``invokesim_scenarios`` ini option. Paths that come from ``testpaths``
   or from the current folder are not roots, so a plain ``pytest`` never picks up
   ``pyproject.toml``, other TOML data or deliberately invalid fixtures.
2. When pytest runs without paths on the command line, the
   ``invokesim_scenarios`` folders are added to what it collects (like
   ``testpaths``); with paths given, only those are collected.
3. **One item per file**, named after the file's stem; pytest walks folders in
   sorted order, so ids are stable and ``pytest -n auto`` (pytest-xdist) sees the
   same collection on every worker.
4. **Markers.** Every item carries ``invokesim``; each ``[scenario] tags`` entry
   becomes a marker: lower-cased, each run of characters other than ``a-z0-9_``
   replaced by ``_``, with ``tag_`` in front when it would start with a digit or
   be one of pytest's own markers (``skip``, ``xfail``, ...). The markers are
   registered, so ``--strict-markers`` keeps working.
5. **Reports.** Each file passes or fails on its own: collection never fails for
   one file. An invalid scenario fails with the loader's
   ``<file>:<line>: <key>: expected ..., found ...`` lines; a failed ``[expect]``
   with ``<file>:<line>: expect.<key>: expected ..., found ...`` for each
   mismatch (lines from :func:`sim.scenario.toml_lines.key_lines`), then the text trace
   (:func:`sim.render.text.render_text`) and the command that reproduces it.
6. **The ``invokesim_patched`` fixture** runs a test's own code against a machine
   after the click: ``invokesim_patched(trace.machine)`` installs its registry as
   ``winreg`` and its disk as the file system until the test ends
   (:func:`sim.testing.patched`).

The engine is imported only when a scenario item runs, so the plugin costs
nothing in projects that collect no scenarios.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

    from sim.engine.trace import Trace
    from sim.testing import PatchedMachine
    from sim.world.machine import Machine

__all__ = ["ScenarioItem", "ScenarioTomlFile", "invokesim_patched", "marker_name"]

INI_OPTION: Final = "invokesim_scenarios"
MARKER: Final = "invokesim"

# pytest's built-in markers: a tag spelled like one would change how the item runs.
_BUILTIN_MARKERS: Final = frozenset(
    {"filterwarnings", "parametrize", "skip", "skipif", "tryfirst", "trylast",
     "usefixtures", "xfail"}
)
_NOT_MARKER_CHARS: Final = re.compile(r"[^0-9a-z_]+")
_SCENARIO_HEADER: Final = re.compile(r"""^[ \t]*\[[ \t]*(scenario|"scenario"|'scenario')[ \t]*\]""",
                                     re.MULTILINE)

_ROOTS: Final = pytest.StashKey[tuple[Path, ...]]()


def marker_name(tag: str) -> str | None:
    """The marker a scenario tag becomes (Rule 4), or ``None`` for a tag with no letters.

    >>> marker_name("edge-legacy"), marker_name("ClickOnce"), marker_name("skip")
    ('edge_legacy', 'clickonce', 'tag_skip')
    """
    name = _NOT_MARKER_CHARS.sub("_", tag.strip().lower()).strip("_")
    if not name:
        return None
    if name[0].isdigit() or name in _BUILTIN_MARKERS or name == MARKER:
        return f"tag_{name}"
    return name


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ``invokesim_scenarios`` ini option (Rule 1)."""
    parser.addini(INI_OPTION, type="paths", default=[],
                  help="folders (or files) of invokesim scenario files to collect as tests")


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``invokesim`` marker and record the scenario roots (Rules 1-2)."""
    config.addinivalue_line("markers", f"{MARKER}: an invokesim scenario file (invokesim plugin)")
    ini_paths = [Path(p).resolve() for p in config.getini(INI_OPTION)]
    explicit: list[Path] = []
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        base = config.invocation_params.dir
        explicit = [(base / arg.split("::", 1)[0]).resolve() for arg in config.args]
    elif ini_paths:  # no paths on the command line: collect the ini folders too (Rule 2)
        current = [(config.invocation_params.dir / a).resolve() for a in config.args]
        for path in ini_paths:
            if path.exists() and not any(_is_under(path, c) for c in current):
                config.args.append(str(path))
    config.stash[_ROOTS] = tuple(explicit + ini_paths)


def _looks_like_scenario(path: Path) -> tuple[bool, list[str]]:
    """Rule 1: whether ``path`` holds a ``[scenario]`` table; its string tags if readable.

    Collecting never fails for one file: a file that cannot be read as a scenario
    (a FIFO or device named ``*.toml``, one over the size cap) is collected, and its
    item fails naming the file; TOML tomli cannot read (a syntax error, nesting past
    its limit, an integer too long to convert) is a scenario when it has a
    ``[scenario]`` header line, and its item reports the problem at its line.
    """
    import tomli

    from sim.loader import MAX_SCENARIO_BYTES, HostFileError, read_regular_file

    try:
        text = read_regular_file(path, MAX_SCENARIO_BYTES).decode("utf-8", errors="replace")
    except HostFileError:
        return True, []
    try:
        data: dict[str, Any] = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        return bool(_SCENARIO_HEADER.search(text)), []
    meta = data.get("scenario")
    if not isinstance(meta, dict):
        return False, []
    tags = meta.get("tags")
    return True, [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioTomlFile | None:
    """A scenario file under a scenario root becomes a :class:`ScenarioTomlFile` (Rule 1)."""
    if file_path.suffix != ".toml":
        return None
    roots = parent.config.stash.get(_ROOTS, ())
    resolved = file_path.resolve()
    if not any(_is_under(resolved, root) for root in roots):
        return None
    is_scenario, tags = _looks_like_scenario(file_path)
    if not is_scenario:
        return None
    node: ScenarioTomlFile = ScenarioTomlFile.from_parent(parent, path=file_path)
    node.tags = tags
    return node


class ScenarioTomlFile(pytest.File):
    """A scenario ``.toml`` file: it holds one :class:`ScenarioItem`."""

    tags: list[str]

    def collect(self) -> list[ScenarioItem]:
        """The file's one item, marked with ``invokesim`` and its tags (Rules 3-4)."""
        item: ScenarioItem = ScenarioItem.from_parent(self, name=self.path.stem)
        item.add_marker(MARKER)
        registered = {line.split(":", 1)[0].strip() for line in self.config.getini("markers")}
        for tag in getattr(self, "tags", []):
            name = marker_name(tag)
            if name is None:
                continue
            if name not in registered:
                self.config.addinivalue_line("markers", f"{name}: scenario tag {tag!r} "
                                             "(invokesim)")
                registered.add(name)
            item.add_marker(name)
        return [item]


class ScenarioInvalid(Exception):
    """The scenario file does not load; the message is the loader's problem lines."""


class ExpectationFailed(Exception):
    """The scenario's ``[expect]`` did not hold; the message is the whole report."""


class ScenarioItem(pytest.Item):
    """Load, simulate and check one scenario file's ``[expect]`` (Rule 5)."""

    def _display(self) -> str:
        """The file name as reports show it: relative to the invocation folder if inside it."""
        base = self.config.invocation_params.dir
        try:
            return str(self.path.relative_to(base))
        except ValueError:
            return str(self.path)

    def runtest(self) -> None:
        """Simulate the scenario; fail with a readable report unless ``[expect]`` holds."""
        from sim.engine import simulate
        from sim.errors import SimError
        from sim.loader import read_scenario_text
        from sim.scenario import Scenario

        source = self._display()
        try:
            text = read_scenario_text(self.path)
            scenario = Scenario.from_toml(text, base=self.path, source=source)
            trace = simulate(scenario)
        except SimError as exc:  # invalid input, this file's alone
            raise ScenarioInvalid(str(exc).replace(str(self.path), source)) from None
        if not trace.expect.passed:
            raise ExpectationFailed(expectation_report(source, text, trace))

    def repr_failure(
        self, excinfo: ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        """The report without a traceback for an invalid scenario or a failed ``[expect]``."""
        if isinstance(excinfo.value, ScenarioInvalid | ExpectationFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Point at the file's ``[scenario]`` table (0-based line)."""
        return self.path, 0, f"scenario {self._display()}"


def expectation_report(source: str, text: str, trace: Trace) -> str:
    """A failed ``[expect]`` as ``<file>:<line>: expect.<key>: expected ..., found ...`` lines.

    Each mismatch is placed at the line of its ``[expect]`` key (or of the
    ``[expect]`` table when the key is written inside an inline table), then the
    text trace and the ``invokesim run`` command that shows the same.
    """
    from sim.app.mismatches import mismatch_lines
    from sim.render.text import render_text

    out = mismatch_lines(source, text, trace.expect.mismatches)
    out += ["", render_text(trace).rstrip("\n"), "", f"reproduce: invokesim run {source}"]
    return "\n".join(out)


@pytest.fixture
def invokesim_patched() -> Iterator[Callable[..., PatchedMachine]]:
    """Run your own code against a simulated machine: call the fixture with a machine
    (``trace.machine`` after ``sim.simulate``) and, until the test ends, ``import winreg``
    gives its registry and ``open``/``os``/``pathlib`` its disk (:func:`sim.testing.patched`).
    It nests with pyfakefs's ``fs`` fixture: both then see the same fake file system."""
    from sim.testing import patched

    with ExitStack() as stack:

        def patch(machine: Machine, *, streams: bool = False) -> PatchedMachine:
            return stack.enter_context(patched(machine, streams=streams))

        yield patch
