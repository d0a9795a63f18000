"""The scenario file format (docs/scenarios.md): every table and key a scenario may hold.

Rule: these declarations are the one source of truth for what a scenario may say. They
are strict (a string stays a string, an integer an integer; TOML types are not coerced)
and refuse unknown keys, so a typo is an error with a "did you mean"
(:mod:`sim.scenario.kit` validates them and writes them as JSON Schema).
``scenario_json_schema()`` is the JSON Schema (Draft 2020-12) that ``invokesim schema``
prints, shipped in the package as ``sim/scenario/scenario.schema.json`` (stable ``$id``
:data:`SCHEMA_ID`) for editors that read a ``#:schema`` comment (taplo, Even Better TOML).

One documented extension: ``[browser] version`` also accepts a TOML integer
(``version = 87``), read as the same major version as ``"87"``; the schema says
integer or string, as the loader accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from sim.core.outcomes import Outcome, Route
from sim.scenario.kit import Check, Table, field_spec, json_schema
from sim.world.machine import OsName

__all__ = [
    "SCHEMA_ID",
    "Answers",
    "Browser",
    "Click",
    "Expect",
    "ExpectLaunch",
    "Handler",
    "Machine",
    "Requires",
    "ScenarioFile",
    "ScenarioMeta",
    "WebResource",
    "scenario_json_schema",
]

# Stable: the schema's identity for editors and validators, whatever its file's path.
SCHEMA_ID = "urn:invokesim:scenario-schema:1"
ZoneName = Literal["local", "intranet", "trusted", "internet", "restricted"]
BrowserName = Literal["ie", "edge-legacy", "edge", "chrome", "firefox"]
FlagState = Literal["default", "enabled", "disabled"]
ExtensionName = Literal["meta4-clickonce", "windows-remix-clickonce"]
Verdict = Literal["clean", "unsafe", "off"]
AuthScheme = Literal["basic", "digest", "ntlm", "negotiate"]  # sim.world.web.AUTH_SCHEMES
TlsVersion = Literal["1.0", "1.1", "1.2", "1.3"]  # sim.world.web.TLS_VERSIONS
RouteName = Route
OutcomeName = Outcome
PolicyValue = bool | int | str | list[str] | list[int]


def _major_version(value: object) -> object:
    """Read ``version = 87`` as ``"87"``; anything else is left for the strict check."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


MajorVersion = Annotated[str, Check(
    before=_major_version,
    schema={"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]})]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioMeta(Table):
    """``[scenario]``: what the scenario is about and where its facts come from."""

    title: str = field_spec(description="One line saying what happens (required).")
    description: str = field_spec("", description="Markdown, shown in rendered reports.")
    sources: list[str] = field_spec(
        factory=list,
        description="Where the behaviour is documented: source ids of sim/core/sources.py, "
        "citations '<id>: <section or quote>', or public URLs; reports show titles and links."
    )
    tags: list[str] = field_spec(factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Machine(Table):
    """``[machine]``: the OS, presets, registry additions, files and zones."""

    os: OsName = "windows-10"
    profiles: list[str] = field_spec(
        factory=list, description="Extra built-in presets layered over the OS base."
    )
    managed: bool = field_spec(False, description="Joined to AD / Azure AD / MDM.")
    reg: str = field_spec("", description=".reg text applied after the profiles.")
    reg_files: list[str] = field_spec(
        factory=list, description=".reg files relative to the scenario, in order."
    )
    files: dict[str, str] = field_spec(
        factory=dict, description="Extra files on the virtual disk: path -> text."
    )
    zones: dict[str, ZoneName] = field_spec(factory=dict, description="Host -> zone.")
    trusted_publishers: list[str] = field_spec(
        factory=list,
        description="Publishers in the Trusted Publishers store, as a ClickOnce manifest's "
        "publisherIdentity names them (\"CN=Contoso Ltd\"): their signed apps install "
        "without a prompt.",
    )
    clickonce_installed: dict[str, str] = field_spec(
        factory=dict,
        description="ClickOnce apps already installed: deployment URL -> installed version.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Browser(Table):
    """``[browser]``: which browser, its version, flags, policies and extensions."""

    name: BrowserName = "edge"
    version: MajorVersion | None = field_spec(
        None, description="Major version; default the newest modelled."
    )
    mode: Literal["desktop", "immersive"] | None = field_spec(None, description="ie only.")
    flags: dict[str, FlagState] = field_spec(factory=dict)
    policies: dict[str, PolicyValue] = field_spec(factory=dict)
    extensions: list[ExtensionName] = field_spec(factory=list)
    smartscreen: Verdict = "clean"


@dataclass(frozen=True, slots=True, kw_only=True)
class Requires(Table):
    """``requires``: what the server demands of a client."""

    cookie: bool = False
    auth: AuthScheme | None = None
    tls: TlsVersion | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WebResource(Table):
    """One ``[[web]]`` entry: a URL and its response."""

    url: str
    status: Annotated[int, Check(ge=100, le=599)] = 200
    headers: dict[str, str] = field_spec(factory=dict)
    body: str | None = None
    body_file: str | None = field_spec(None, description="A file relative to the scenario.")
    folder: str | None = field_spec(None, description=(
        "A folder relative to the scenario, served whole under url (which ends with /): "
        "each file at url + its percent-encoded path, with the Content-Type of its "
        "extension; headers apply to every file."))
    requires: Requires = field_spec(factory=Requires)

    def check(self) -> str | None:
        """One body at most (``body``, ``body_file`` or ``folder``); a folder's url ends in /."""
        given = [k for k in ("body", "body_file", "folder") if getattr(self, k) is not None]
        if len(given) > 1:
            return f"expected one of body, body_file or folder, found {' and '.join(given)}"
        if self.folder is not None and not self.url.endswith("/"):
            return f"expected a url ending with / for a folder, found {self.url!r}"
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Handler(Table):
    """``[handlers.<name>]``: a document handler's model (Office's word, excel and
    powerpoint are built in; any other name declares a new handler and needs ``image``)."""

    image: str | None = field_spec(None, description="The program's full path on the virtual disk.")
    url_limit: Annotated[int, Check(ge=1)] | None = field_spec(
        None, description="The longest URL it opens.")
    cookies: bool | None = field_spec(None, description="Whether its fetch has the site's cookies.")
    auth: list[AuthScheme] | None = field_spec(None, description="Authentication it answers.")
    tls: TlsVersion | None = field_spec(None, description="The highest TLS version it speaks.")
    cache: list[str] = field_spec(
        factory=list, description="URLs already in its local document cache."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Click(Table):
    """``[click]``: what the user does in the browser."""

    url: str
    download_attribute: bool | str = field_spec(
        False, description='<a download>: true for a bare attribute, a string for '
        '<a download="NAME"> (the suggested file name), false for none.')


Answers = dict[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpectLaunch(Table):
    """``[expect] launch``: the last process started."""

    image: str | None = None
    argv: list[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Expect(Table):
    """``[expect]``: the scenario's own oracle; every key optional."""

    route: RouteName | None = None
    outcome: OutcomeName | None = None
    dialogs: list[str] | None = None
    launch: ExpectLaunch | None = None
    error: str | None = field_spec(None, description="A substring of the final error.")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioFile(Table):
    """A whole scenario file."""

    scenario: ScenarioMeta
    machine: Machine = field_spec(factory=Machine)
    browser: Browser = field_spec(factory=Browser)
    web: list[WebResource] = field_spec(factory=list)
    click: Click | None = None
    answers: Answers = field_spec(
        factory=dict, description="Dialog id -> button (lowercase with dashes)."
    )
    handlers: dict[str, Handler] = field_spec(
        factory=dict, description="Document handler models by name."
    )
    expect: Expect = field_spec(factory=Expect)


def scenario_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (Draft 2020-12) of scenario files."""
    schema = json_schema(ScenarioFile, title="invokesim scenario")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema}
