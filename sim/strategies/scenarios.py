"""Strategies for browsers, Edge policies, machines and whole scenarios."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from sim.models.browsers.catalog import BROWSERS
from sim.models.browsers.edge_features import MODELLED_FLAGS, MODELLED_POLICIES
from sim.models.browsers.shipped import IMMERSIVE_SYSTEMS, version_span
from sim.models.dialogs import DIALOGS
from sim.scenario import Scenario, ScenarioFile
from sim.scenario.dump import scenario_toml
from sim.scenario.schema import Browser, Machine
from sim.strategies.registry import (
    HANDLER_CONTENT_TYPE,
    HANDLER_EXE,
    HANDLER_EXTENSION,
    handler_registrations,
)
from sim.strategies.web import DOCX, file_names, hosts, response_headers, urls
from sim.world.machine import OS_NAMES, WINDOWS_VERSIONS

BROWSER_NAMES: Final = tuple(BROWSERS)

# --------------------------------------------------------------------------- browsers

def _runs_on(browser: str, os: str) -> bool:
    """Whether some version of ``browser`` shipped for ``os`` (sim.models.browsers.shipped)."""
    return version_span(browser, os) is not None


def _check_names(names: Sequence[str] | None, known: Sequence[str], what: str) -> list[str]:
    if names is None:
        return list(known)
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise InvalidArgument(f"expected {what} among {', '.join(known)}, found {list(names)!r}")
    return list(names)


def _flag_switch(value: int, as_bool: bool) -> bool | int:
    return bool(value) if as_bool else value


def _as_scenario(file: ScenarioFile) -> Scenario:
    return Scenario(file=file).with_file(file)


def _in_model_order(drawn: dict[str, Any]) -> dict[str, Any]:
    return {k: drawn[k] for k in MODELLED_POLICIES if k in drawn}


def edge_policies() -> st.SearchStrategy[dict[str, Any]]:
    """A set of the Edge policies modelled (``ClickOnceEnabled``, ``DirectInvokeEnabled``
    as 0/1 or booleans, ``AutoOpenFileTypes``, ``AutoOpenAllowedForURLs``).

    Helps test policy laws (``sim.models.browsers.edge_features``): ``ClickOnceEnabled=0``
    never hands a ``.application`` URL to dfshim, ``DirectInvokeEnabled=0`` never
    direct-invokes.
    """
    switch = st.builds(_flag_switch, st.integers(0, 1), st.booleans())
    types = st.lists(st.sampled_from(["application", "docx", "fuzzle", "pdf", "zip"]),
                     min_size=1, max_size=3, unique=True)
    patterns = st.lists(st.sampled_from(["apps.example.test", "https://*", "example.test/deploy",
                                         "*", "intranet"]), min_size=1, max_size=2, unique=True)
    return st.fixed_dictionaries({}, optional={
        "ClickOnceEnabled": switch, "DirectInvokeEnabled": switch,
        "AutoOpenFileTypes": types, "AutoOpenAllowedForURLs": patterns,
    }).map(_in_model_order)


@st.composite
def _browser(draw: st.DrawFn, names: list[str], os: str | None) -> Browser:
    name = draw(st.sampled_from([n for n in names if os is None or _runs_on(n, os)]))
    model = BROWSERS[name]
    top = model.newest if model.newest is not None else model.default
    first = model.first
    span = version_span(name, os) if os is not None else None
    if span is not None:
        first, top = max(first, span[0]), min(top, span[1] if span[1] is not None else top)
    data: dict[str, Any] = {"name": name}
    if draw(st.booleans()):
        data["version"] = str(draw(st.integers(first, top)))
    data["smartscreen"] = draw(st.sampled_from(["clean", "unsafe", "off"]))
    if name == "ie" and draw(st.booleans()):
        modes = ["desktop", "immersive"] if os in IMMERSIVE_SYSTEMS else ["desktop"]
        data["mode"] = draw(st.sampled_from(modes))
    if name == "edge":
        data["flags"] = draw(st.fixed_dictionaries({}, optional={
            flag: st.sampled_from(["default", "enabled", "disabled"]) for flag in MODELLED_FLAGS}))
        data["policies"] = draw(edge_policies())
    if name in ("chrome", "edge"):
        data["extensions"] = draw(st.lists(st.sampled_from(["meta4-clickonce",
                                                            "windows-remix-clickonce"]),
                                           max_size=1))
    return Browser.model_validate(data)


def browsers(*, names: Sequence[str] | None = None,
             os: str | None = None) -> st.SearchStrategy[Browser]:
    """A ``[browser]`` table (:class:`sim.scenario.schema.Browser`): one of ``names``
    (default: all five) that runs on ``os`` when given, a version inside the catalog
    (or the default), flags and policies for Edge only, extensions for Chrome and
    Edge only, ``mode`` for IE only, a SmartScreen verdict.
    """
    chosen = _check_names(names, BROWSER_NAMES, "browser names")
    if os is not None and os not in OS_NAMES:
        raise InvalidArgument(f"expected os among {', '.join(OS_NAMES)}, found os={os!r}")
    if os is not None and not any(_runs_on(n, os) for n in chosen):
        raise InvalidArgument(f"expected a browser that runs on os={os!r}, found names={chosen!r}")
    return _browser(chosen, os)


# --------------------------------------------------------------------------- machines

_ZONES: Final = ("local", "intranet", "trusted", "internet", "restricted")


@st.composite
def _machine(draw: st.DrawFn, systems: list[str], handler: bool | None) -> Machine:
    os = draw(st.sampled_from(systems))
    data: dict[str, Any] = {"os": os, "managed": draw(st.booleans())}
    if os in WINDOWS_VERSIONS:
        data["profiles"] = draw(st.lists(st.just("office"), max_size=1))
        if handler if handler is not None else draw(st.booleans()):
            data["reg"] = draw(handler_registrations())
            data["files"] = {HANDLER_EXE: ""}
    data["zones"] = draw(st.dictionaries(hosts(), st.sampled_from(_ZONES), max_size=2))
    return Machine.model_validate(data)


def machines(*, os: Sequence[str] | None = None,
             handler: bool | None = None) -> st.SearchStrategy[Machine]:
    """A ``[machine]`` table (:class:`sim.scenario.schema.Machine`): an OS among ``os``
    (default: all seven), managed or not, maybe the ``office`` profile, maybe (always
    with ``handler=True``, never with ``False``) a :func:`handler_registrations` with
    its executable on disk, and zones for a few hosts. Only Windows machines get a
    registry or files (docs/scenarios.md).
    """
    return _machine(_check_names(os, OS_NAMES, "os names"), handler)


# --------------------------------------------------------------------------- scenarios

_TAGS: Final = ("clickonce", "directinvoke", "generated", "policy", "headers")
_CLICKS: Final = ("web", "web", "web", "web", "handler-document", "handler-document",
                  "handler-document", "protocol")


# The strategies drawn inside a scenario, built once per argument set: Hypothesis caches
# its work (labels, validation) on each strategy object, so a strategy built afresh in
# every draw makes every draw pay it again.
@lru_cache(maxsize=256)
def _machines_of(os: tuple[str, ...], handler: bool | None) -> st.SearchStrategy[Machine]:
    return machines(os=list(os), handler=handler)


@lru_cache(maxsize=256)
def _browsers_of(names: tuple[str, ...], os: str) -> st.SearchStrategy[Browser]:
    return browsers(names=list(names), os=os)


@lru_cache(maxsize=64)
def _file_names_of(extensions: tuple[str, ...] | None) -> st.SearchStrategy[str]:
    return file_names(list(extensions)) if extensions else file_names()


@lru_cache(maxsize=256)
def _urls_of(name: str) -> st.SearchStrategy[str]:
    return urls(name=name)


@lru_cache(maxsize=16)
def _headers_of(mime: str | None) -> st.SearchStrategy[dict[str, str]]:
    return st.one_of(response_headers(content_type=mime) if mime else st.nothing(),
                     response_headers())


@lru_cache(maxsize=16)
def _answers_of(dialogs: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(dialogs), st.just(""), max_size=2)


_BUTTONS: Final = {d: st.sampled_from(spec.buttons) for d, spec in DIALOGS.items()}
_TAG_LISTS: Final = st.lists(st.sampled_from(_TAGS), max_size=2, unique=True)
_STATUSES: Final = st.sampled_from([200, 200, 200, 404])


@st.composite
def _scenario_file(draw: st.DrawFn, browser_names: list[str], os_names: list[str],
                   headers: st.SearchStrategy[dict[str, str]] | None) -> ScenarioFile:
    usable_os = [o for o in os_names if any(_runs_on(b, o) for b in browser_names)]
    # What the user clicks: mostly any web link; sometimes a file of the registered
    # handler's type on Windows (the MIME-handler and DirectInvoke routes), or an
    # ms-word: app link, with Office on Windows (the protocol route).
    kind = draw(st.sampled_from(_CLICKS))
    if kind == "protocol" and headers is not None:  # headers given: the click is the response
        kind = "web"
    windows = [o for o in usable_os if o in WINDOWS_VERSIONS]
    if kind == "handler-document" and not windows:
        kind = "web"
    machine = draw(_machines_of(tuple(windows), True) if kind == "handler-document"
                   else _machines_of(tuple(usable_os), None))
    if kind == "protocol" and machine.os in WINDOWS_VERSIONS:
        machine = machine.model_copy(update={"profiles": ["office"]})
    # A registered type's document goes to IE half the time: the only browser with a
    # MIME-handler route (sim.models.browsers.trident).
    ie_first = (kind == "handler-document" and "ie" in browser_names
                and _runs_on("ie", machine.os) and draw(st.booleans()))
    browser = draw(_browsers_of(("ie",) if ie_first else tuple(browser_names), machine.os))
    name = draw(_file_names_of((HANDLER_EXTENSION,) if kind == "handler-document"
                               else (".docx",) if kind == "protocol" else None))
    url = draw(_urls_of(name))
    extension = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    mime = {".application": "application/x-ms-application", ".fuzzle": HANDLER_CONTENT_TYPE,
            ".docx": DOCX}.get(extension)
    drawn = draw(headers if headers is not None else _headers_of(mime))
    status = draw(_STATUSES)
    web: dict[str, Any] = {"url": url, "headers": drawn, "body": "x"}
    if status != 200:
        web["status"] = status
    dialogs = sorted(d for d in DIALOGS if d.split(".", 1)[0] in (browser.name, "dfshim"))
    answers = draw(_answers_of(tuple(dialogs)))
    answers = {d: draw(_BUTTONS[d]) for d in sorted(answers)}
    data = {
        "scenario": {"title": "generated by sim.strategies",
                     "tags": draw(_TAG_LISTS)},
        "machine": machine.model_dump(exclude_defaults=True),
        "browser": browser.model_dump(exclude_defaults=True, exclude_none=True),
        "web": [web],
        "click": {"url": f"ms-word:ofe|u|{url}" if kind == "protocol" else url,
                  "download_attribute": draw(st.booleans())},
        "answers": answers,
    }
    return ScenarioFile.model_validate(data)


def scenario_files(*, browsers: Sequence[str] | None = None, os: Sequence[str] | None = None,
                   headers: st.SearchStrategy[dict[str, str]] | None = None
                   ) -> st.SearchStrategy[ScenarioFile]:
    """A whole valid scenario model (:class:`sim.scenario.ScenarioFile`) without ``[expect]``:
    a machine (:func:`machines`), a browser that runs on it (:func:`browsers`, among
    ``browsers``), one ``[[web]]`` resource (a :func:`urls` URL, headers from
    ``headers`` or :func:`response_headers`, mostly status 200, sometimes 404), a
    click on it (one draw in eight, unless ``headers`` is given, an ``ms-word:ofe|u|``
    link to it instead; three in eight a document of the :func:`handler_registrations`
    type on Windows), and answers to some of the browser's dialogs.

    Change a drawn model with ``model_copy(update=...)`` and load it again through
    :func:`sim.scenario.dump.scenario_toml` to pin one aspect (a policy, a header).
    """
    browser_names = _check_names(browsers, BROWSER_NAMES, "browser names")
    os_names = _check_names(os, OS_NAMES, "os names")
    if not any(_runs_on(b, o) for b in browser_names for o in os_names):
        raise InvalidArgument(f"expected a browser among {browser_names!r} that runs on one of "
                              f"{os_names!r}, found none")
    return _scenario_file(browser_names, os_names, headers)


def scenario_texts(*, browsers: Sequence[str] | None = None, os: Sequence[str] | None = None,
                   headers: st.SearchStrategy[dict[str, str]] | None = None
                   ) -> st.SearchStrategy[str]:
    """:func:`scenario_files` written as TOML text (what a scenario file on disk holds)."""
    return scenario_files(browsers=browsers, os=os, headers=headers).map(scenario_toml)


def scenarios(*, browsers: Sequence[str] | None = None, os: Sequence[str] | None = None,
              headers: st.SearchStrategy[dict[str, str]] | None = None
              ) -> st.SearchStrategy[Scenario]:
    """:func:`scenario_files` as :class:`sim.Scenario` objects, checked as a loaded scenario
    is (``Scenario.with_file``): ready for ``sim.simulate``. (Built from the model, not
    from its TOML text: parsing the text again would make each draw several times
    slower; :func:`scenario_texts` gives the text, which ``Scenario.from_toml`` loads.)

    Helps test laws every trace obeys: same scenario, same trace; exactly one
    outcome from docs/scenarios.md set; every step cites its source.
    """
    return scenario_files(browsers=browsers, os=os, headers=headers).map(_as_scenario)
