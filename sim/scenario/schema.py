"""The scenario file format (docs/scenarios.md) as strict pydantic models.

Rule: these models are the one source of truth for what a scenario may say.
They are strict (a string stays a string, an integer an integer; TOML types are
not coerced) and forbid unknown keys, so a typo is an error with a "did you mean".
``scenario_json_schema()`` exports them as the JSON Schema (Draft 2020-12) that
``invokesim schema`` prints, shipped in the package as
``sim/scenario/scenario.schema.json`` (stable ``$id`` :data:`SCHEMA_ID`) for editors
that read a ``#:schema`` comment (taplo, Even Better TOML).

One documented extension: ``[browser] version`` also accepts a TOML integer
(``version = 87``), read as the same major version as ``"87"``; the schema says
integer or string, as the loader accepts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

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

OsName = Literal[
    "windows-7", "windows-8", "windows-8.1", "windows-10", "windows-11", "macos", "linux"
]
ZoneName = Literal["local", "intranet", "trusted", "internet", "restricted"]
BrowserName = Literal["ie", "edge-legacy", "edge", "chrome", "firefox"]
FlagState = Literal["default", "enabled", "disabled"]
ExtensionName = Literal["meta4-clickonce", "windows-remix-clickonce"]
Verdict = Literal["clean", "unsafe", "off"]
AuthScheme = Literal["basic", "digest", "ntlm", "negotiate"]  # sim.world.web.AUTH_SCHEMES
TlsVersion = Literal["1.0", "1.1", "1.2", "1.3"]  # sim.world.web.TLS_VERSIONS
RouteName = Literal[
    "render", "download", "direct-invoke", "mime-handler", "protocol", "extension", "none"
]
OutcomeName = Literal[
    "rendered", "saved", "launched", "failed", "cancelled", "blocked", "nothing"
]
PolicyValue = bool | int | str | list[str] | list[int]


def _major_version(value: object) -> object:
    """Read ``version = 87`` as ``"87"``; anything else is left for the strict check."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


MajorVersion = Annotated[
    str,
    BeforeValidator(_major_version),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]}),
]


class _Table(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


class ScenarioMeta(_Table):
    """``[scenario]``: what the scenario is about and where its facts come from."""

    title: str = Field(description="One line saying what happens (required).")
    description: str = Field("", description="Markdown, shown in rendered reports.")
    sources: list[str] = Field(
        default_factory=list,
        description="Where the behaviour is documented: source ids of sim/core/sources.py, "
        "citations '<id>: <section or quote>', or public URLs; reports show titles and links."
    )
    tags: list[str] = Field(default_factory=list)


class Machine(_Table):
    """``[machine]``: the OS, presets, registry additions, files and zones."""

    os: OsName = "windows-10"
    profiles: list[str] = Field(
        default_factory=list, description="Extra built-in presets layered over the OS base."
    )
    managed: bool = Field(False, description="Joined to AD / Azure AD / MDM.")
    reg: str = Field("", description=".reg text applied after the profiles.")
    reg_files: list[str] = Field(
        default_factory=list, description=".reg files relative to the scenario, in order."
    )
    files: dict[str, str] = Field(
        default_factory=dict, description="Extra files on the virtual disk: path -> text."
    )
    zones: dict[str, ZoneName] = Field(default_factory=dict, description="Host -> zone.")
    trusted_publishers: list[str] = Field(
        default_factory=list,
        description="Publishers in the Trusted Publishers store, as a ClickOnce manifest's "
        "publisherIdentity names them (\"CN=Contoso Ltd\"): their signed apps install "
        "without a prompt.",
    )
    clickonce_installed: dict[str, str] = Field(
        default_factory=dict,
        description="ClickOnce apps already installed: deployment URL -> installed version.",
    )


class Browser(_Table):
    """``[browser]``: which browser, its version, flags, policies and extensions."""

    name: BrowserName = "edge"
    version: MajorVersion | None = Field(
        None, description="Major version; default the newest modelled."
    )
    mode: Literal["desktop", "immersive"] | None = Field(None, description="ie only.")
    flags: dict[str, FlagState] = Field(default_factory=dict)
    policies: dict[str, PolicyValue] = Field(default_factory=dict)
    extensions: list[ExtensionName] = Field(default_factory=list)
    smartscreen: Verdict = "clean"


class Requires(_Table):
    """``requires``: what the server demands of a client."""

    cookie: bool = False
    auth: AuthScheme | None = None
    tls: TlsVersion | None = None


class WebResource(_Table):
    """One ``[[web]]`` entry: a URL and its response."""

    url: str
    status: int = Field(200, ge=100, le=599)
    headers: dict[str, str] = Field(default_factory=dict)
    body: str | None = None
    body_file: str | None = Field(None, description="A file relative to the scenario.")
    requires: Requires = Field(default_factory=Requires.model_construct)

    @model_validator(mode="after")
    def _one_body(self) -> WebResource:
        if self.body is not None and self.body_file is not None:
            raise ValueError("expected body or body_file, found both")
        return self


class Handler(_Table):
    """``[handlers.<name>]``: a document handler's model (Office's word, excel and
    powerpoint are built in; any other name declares a new handler and needs ``image``)."""

    image: str | None = Field(None, description="The program's full path on the virtual disk.")
    url_limit: int | None = Field(None, ge=1, description="The longest URL it opens.")
    cookies: bool | None = Field(None, description="Whether its fetch has the site's cookies.")
    auth: list[AuthScheme] | None = Field(None, description="Authentication it answers.")
    tls: TlsVersion | None = Field(None, description="The highest TLS version it speaks.")
    cache: list[str] = Field(
        default_factory=list, description="URLs already in its local document cache."
    )


class Click(_Table):
    """``[click]``: what the user does in the browser."""

    url: str
    download_attribute: bool = False


Answers = dict[str, str]


class ExpectLaunch(_Table):
    """``[expect] launch``: the last process started."""

    image: str | None = None
    argv: list[str] | None = None


class Expect(_Table):
    """``[expect]``: the scenario's own oracle; every key optional."""

    route: RouteName | None = None
    outcome: OutcomeName | None = None
    dialogs: list[str] | None = None
    launch: ExpectLaunch | None = None
    error: str | None = Field(None, description="A substring of the final error.")


class ScenarioFile(_Table):
    """A whole scenario file."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        defer_build=True,
        title="invokesim scenario",
    )

    scenario: ScenarioMeta
    machine: Machine = Field(default_factory=Machine.model_construct)
    browser: Browser = Field(default_factory=Browser.model_construct)
    web: list[WebResource] = Field(default_factory=list)
    click: Click | None = None
    answers: Answers = Field(
        default_factory=dict, description="Dialog id -> button (lowercase with dashes)."
    )
    handlers: dict[str, Handler] = Field(
        default_factory=dict, description="Document handler models by name."
    )
    expect: Expect = Field(default_factory=Expect.model_construct)


def scenario_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (Draft 2020-12) of scenario files."""
    schema = ScenarioFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema}
