"""The exceptions invokesim raises: invalid input, never a simulated outcome.

Domain results ("no handler", "blocked", "Cannot Start Application") are events in a
trace, not exceptions. An exception means the input given to invokesim is invalid
(a registry path past a documented limit, a malformed .reg file in strict mode) or
that invokesim has a bug.

    SimError
    ├── RegistryError          a registry operation the Windows registry would refuse
    │   └── RegistryKeyNotFound    the key named does not exist
    ├── RegImportError         a .reg file (or text) that cannot be imported;
    │                          ``problems`` lists every bad line at once
    └── ScenarioError          a scenario file that cannot be loaded;
                               ``problems`` lists every bad key at once
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "RegImportError",
    "RegProblem",
    "RegistryError",
    "RegistryKeyNotFound",
    "ScenarioError",
    "ScenarioProblem",
    "SimError",
]


class SimError(Exception):
    """Base of every exception invokesim raises on purpose."""


class RegistryError(SimError, ValueError):
    """A registry operation that Windows would refuse.

    Attributes:
        winerror: the Win32 error code Windows returns for the same call
            (87 ERROR_INVALID_PARAMETER, 161 ERROR_BAD_PATHNAME, 1010
            ERROR_BADKEY, ...), used by the winreg facade.
    """

    def __init__(self, message: str, *, winerror: int = 87) -> None:
        super().__init__(message)
        self.winerror = winerror


class RegistryKeyNotFound(RegistryError, KeyError):
    """The key named does not exist (Win32 ERROR_FILE_NOT_FOUND, 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, winerror=2)

    def __str__(self) -> str:
        # KeyError quotes its argument; keep the plain message.
        return str(self.args[0])


@dataclass(frozen=True, slots=True, kw_only=True)
class RegProblem:
    """One bad line of a .reg file: where, what was expected, what was found."""

    line: int
    message: str

    def render(self, source: str) -> str:
        """Return ``<source>:<line>: <message>``."""
        return f"{source}:{self.line}: {self.message}"


class RegImportError(SimError, ValueError):
    """A .reg file or text that cannot be imported; nothing was applied.

    Attributes:
        source: the file name, or ``<string>`` for text.
        problems: every problem found, in line order.
    """

    def __init__(self, source: str, problems: tuple[RegProblem, ...]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.render(source) for p in problems))


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioProblem:
    """One bad key of a scenario file: where, which key, what was expected and found.

    ``line`` is ``None`` when the problem has no line (a missing file, a key the
    file does not write at all); ``key`` is the dotted key path, ``""`` for the file.
    """

    line: int | None
    key: str
    message: str

    def render(self, source: str) -> str:
        """Return ``<source>:<line>: <key>: <message>`` (docs/scenarios.md errors)."""
        where = source if self.line is None else f"{source}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ScenarioError(SimError, ValueError):
    """A scenario file that cannot be loaded; nothing was simulated.

    Attributes:
        source: the scenario file name, or ``<string>`` for text.
        problems: every problem found, in line order.
    """

    def __init__(self, source: str, problems: tuple[ScenarioProblem, ...]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.render(source) for p in problems))
