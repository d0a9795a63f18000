"""Hypothesis strategies for invokesim: registries, .reg text, headers, URLs, browsers,
machines and whole scenarios, for property tests of your own (docs/testing.md).

Install with the extra: ``pip install 'invokesim[hypothesis]'``.

Rules (Hypothesis's API style, https://hypothesis.readthedocs.io/en/latest/ and
``guides/api-style.rst``; ../shared/design/anchors-ecosystem.md section 4):
1. Every strategy draws **valid** input by default: a scenario that loads, a
   browser version inside :data:`sim.browsers.catalog.BROWSERS`, flags and
   policies that are modelled (:data:`sim.browsers.edge_features.MODELLED_FLAGS`,
   :data:`~sim.browsers.edge_features.MODELLED_POLICIES`), a browser on an OS it
   runs on, dialog answers that name a modelled dialog and one of its buttons.
   Malformed values are opt-in (``malformed=True`` on the header strategies).
2. Strategies are built from ``sampled_from``, ``builds`` and small ``composite``
   draws so failing examples shrink to short, readable ones.
3. Arguments are checked: an unknown browser or OS name raises
   ``hypothesis.errors.InvalidArgument`` rather than drawing nothing.
4. Importing this module registers strategies for :class:`sim.Scenario`,
   :class:`sim.scenario.ScenarioFile`, :class:`sim.registry.Registry` and
   :class:`~sim.registry.values.RegValue`, so ``st.from_type`` and ``st.builds``
   find them. (There is deliberately no ``hypothesis`` entry point: it would
   import pydantic and the scenario schema, about 0.1 s, every time any project
   in the same environment imports hypothesis.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised in a venv without hypothesis
    raise ImportError(
        "sim.strategies needs hypothesis: pip install 'invokesim[hypothesis]'"
    ) from exc

from sim.browsers.catalog import BROWSERS
from sim.browsers.edge_features import MODELLED_FLAGS, MODELLED_POLICIES
from sim.dialogs import DIALOGS
from sim.machine import OS_NAMES, WINDOWS_VERSIONS
from sim.registry import Registry, RegType
from sim.registry.values import RegValue, encode_multi_sz, encode_sz
from sim.scenario import Scenario, ScenarioFile
from sim.scenario.dump import scenario_toml
from sim.scenario.schema import Browser, Machine

__all__ = [
    "BROWSER_NAMES",
    "browsers",
    "content_dispositions",
    "content_types",
    "download_options",
    "edge_policies",
    "file_names",
    "handler_registrations",
    "header_text",
    "hosts",
    "invoke_app_values",
    "machines",
    "reg_key_names",
    "reg_key_paths",
    "reg_texts",
    "reg_value_names",
    "reg_values",
    "registries",
    "response_headers",
    "scenario_files",
    "scenario_texts",
    "scenarios",
    "urls",
]

BROWSER_NAMES: Final = tuple(BROWSERS)

# --------------------------------------------------------------------------- registry

# Key names: no backslash, not empty, mixed case and letters whose case folding
# differs between Windows and Python (ß, ı, İ): the registry's name rules.
_NAME_CHARS: Final = st.sampled_from(list("abcXYZ019 ._-{}éÉßıİ\u00e0\u00c0"))
# String data a .reg file carries exactly: anything but NUL and lone surrogates (utf-8).
_REG_TEXT: Final = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12
)
_ROOTS: Final = (
    r"HKEY_LOCAL_MACHINE\SOFTWARE",
    r"HKEY_CURRENT_USER\Software",
    r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes",
    r"HKEY_CURRENT_USER\Software\Classes",
)


def reg_key_names() -> st.SearchStrategy[str]:
    """One key name (no backslash), with case and non-ASCII variety.

    Helps test that names compare case-insensitively the way Windows folds them
    (``docs/registry.md``): ``Registry().create_key("HKCU\\\\T\\\\" + name)``.
    """
    return st.text(_NAME_CHARS, min_size=1, max_size=8)


def reg_value_names() -> st.SearchStrategy[str]:
    """A value name, ``""`` (the default value) included, with the characters a .reg
    file must escape (``\\``, ``"``) and those that look like syntax (``=;[]@``).
    """
    return st.text(st.sampled_from(list('abAB \\"=;[]@é')), max_size=6)


def reg_key_paths(roots: Sequence[str] = _ROOTS) -> st.SearchStrategy[str]:
    """A full key path under one of ``roots`` (default: HKLM/HKCU Software and Classes)."""
    if not roots:
        raise InvalidArgument("expected at least one root key, found roots=()")
    return st.builds(lambda root, parts: "\\".join([root, *parts]),
                     st.sampled_from(list(roots)), st.lists(reg_key_names(), min_size=1,
                                                            max_size=3))


@st.composite
def _reg_value(draw: st.DrawFn, name: str | None) -> RegValue:
    if name is None:
        name = draw(reg_value_names())
    kind = draw(st.sampled_from(["sz", "expand", "multi", "dword", "qword", "binary", "other"]))
    if kind == "sz":
        return RegValue(name, RegType.REG_SZ, encode_sz(draw(_REG_TEXT)))
    if kind == "expand":
        return RegValue(name, RegType.REG_EXPAND_SZ, encode_sz(draw(_REG_TEXT)))
    if kind == "multi":
        items = draw(st.lists(_REG_TEXT.filter(bool), max_size=3))
        return RegValue(name, RegType.REG_MULTI_SZ, encode_multi_sz(items))
    if kind == "dword":
        return RegValue(name, RegType.REG_DWORD, draw(st.binary(min_size=4, max_size=4)))
    if kind == "qword":
        return RegValue(name, RegType.REG_QWORD, draw(st.binary(min_size=8, max_size=8)))
    if kind == "binary":
        return RegValue(name, RegType.REG_BINARY, draw(st.binary(max_size=90)))
    other = draw(st.sampled_from([0, 4, 5, 6, 8, 9, 10, 0x20, 0xFFFFFFFF]))
    return RegValue(name, other, draw(st.binary(max_size=12)))


def reg_values(name: str | None = None) -> st.SearchStrategy[RegValue]:
    """A value the .reg format carries exactly: every type, odd types (``hex(20):``) too.

    Helps test the export/import round trip (regedit's forms, ``docs/registry.md``).
    """
    return _reg_value(name)


@st.composite
def _registry(draw: st.DrawFn, max_values: int) -> Registry:
    reg = Registry()
    for path, value in draw(st.lists(st.tuples(reg_key_paths(), reg_values()),
                                     max_size=max_values)):
        reg.set_value(path, value.name, value.raw, value.type)
    return reg


def registries(*, max_values: int = 8) -> st.SearchStrategy[Registry]:
    """An empty-based :class:`~sim.registry.Registry` holding up to ``max_values`` values.

    Helps test registry laws: ``Registry().import_reg(reg.export_reg())`` gives
    the same export (regedit's round trip), forks never see later writes.
    """
    if max_values < 0:
        raise InvalidArgument(f"expected max_values >= 0, found max_values={max_values!r}")
    return _registry(max_values)


def reg_texts(*, version: int = 5, max_values: int = 8) -> st.SearchStrategy[str]:
    """``.reg`` text as regedit exports it (``version`` 5 or 4) from :func:`registries`.

    Helps test importers: strict import accepts it with no warning and exports the
    same text again.
    """
    if version not in (4, 5):
        raise InvalidArgument(f"expected version 4 or 5, found version={version!r}")
    return registries(max_values=max_values).map(lambda reg: reg.export_reg(version=version))


# Handler registrations: a file type, its ProgID and an open command, optionally
# taking URLs (SupportedProtocols or App Paths UseUrl) or FTA_AlwaysUseDirectInvoke.
HANDLER_EXTENSION: Final = ".fuzzle"
HANDLER_CONTENT_TYPE: Final = "application/x-fuzzle"
HANDLER_EXE: Final = r"C:\Program Files\Fuzzle\fuzzle.exe"


@st.composite
def _handler(draw: st.DrawFn, hive: str | None) -> str:
    root = hive or draw(st.sampled_from(["HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"]))
    classes = rf"{root}\Software\Classes"
    lines = ["Windows Registry Editor Version 5.00", "",
             rf"[{classes}\{HANDLER_EXTENSION}]", '@="Fuzzle.Document"',
             f'"Content Type"="{HANDLER_CONTENT_TYPE}"', "",
             rf"[{classes}\MIME\Database\Content Type\{HANDLER_CONTENT_TYPE}]",
             f'"Extension"="{HANDLER_EXTENSION}"', ""]
    flags = draw(st.sampled_from([None, 0x00010000, 0x00400000, 0x00410000]))
    if flags is not None:  # FTA_OpenIsSafe, FTA_AlwaysUseDirectInvoke (sim.shell.editflags)
        lines += [rf"[{classes}\Fuzzle.Document]", f'"EditFlags"=dword:{flags:08x}', ""]
    argument = draw(st.sampled_from(['\\"%1\\"', "%1", '/open \\"%1\\"']))
    lines += [rf"[{classes}\Fuzzle.Document\shell\open\command]",
              '@="\\"C:\\\\Program Files\\\\Fuzzle\\\\fuzzle.exe\\" ' + argument + '"', ""]
    urls = draw(st.sampled_from(["none", "supported_protocols", "use_url"]))
    if urls == "supported_protocols":
        lines += [rf"[{classes}\Applications\fuzzle.exe\SupportedProtocols]",
                  '"http"=""', '"https"=""', ""]
    elif urls == "use_url":
        lines += [rf"[{root}\Software\Microsoft\Windows\CurrentVersion\App Paths\fuzzle.exe]",
                  '@="C:\\\\Program Files\\\\Fuzzle\\\\fuzzle.exe"', '"UseUrl"=dword:00000001',
                  ""]
    return "\n".join(lines)


def handler_registrations(*, hive: str | None = None) -> st.SearchStrategy[str]:
    """``.reg`` text registering a ``.fuzzle`` handler (``application/x-fuzzle``,
    ProgID ``Fuzzle.Document``, ``C:\\Program Files\\Fuzzle\\fuzzle.exe``), with or
    without URL support and EditFlags, under HKCU or HKLM (``hive`` fixes one).

    Helps test the DirectInvoke decision (seed 003_68b3fd369a408a26.txt: a verb
    takes a URL only when it says so); pair it with a file at :data:`HANDLER_EXE`.
    """
    if hive not in (None, "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"):
        raise InvalidArgument("expected hive HKEY_CURRENT_USER or HKEY_LOCAL_MACHINE, "
                              f"found hive={hive!r}")
    return _handler(hive)


# --------------------------------------------------------------------------- headers

_DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# MIME types that decide something here (browser-facts; sim.shell.assoc).
_MIME_TYPES: Final = (
    "application/x-ms-application", "application/x-ms-manifest", "text/xml", "text/html",
    "text/plain", "application/octet-stream", "application/pdf", "application/zip",
    _DOCX, "application/vnd.ms-excel", HANDLER_CONTENT_TYPE,
)
_HEADER_CHARS: Final = st.one_of(
    st.sampled_from(list(";=\"'\\%?* \t,/*")),
    st.characters(codec="utf-8"),
)


def header_text(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Arbitrary header text, heavy in the characters header grammars care about.

    Helps test that the parsers of :mod:`sim.headers` are total (Rule 1 there:
    they never raise on header text).
    """
    return st.text(_HEADER_CHARS, max_size=max_size)


def _cased(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.upper(), text.title()])


def content_types(*, malformed: bool = False) -> st.SearchStrategy[str]:
    """A ``Content-Type`` value: a modelled MIME type, any case, maybe ``; charset=``.

    With ``malformed``, also near misses Chromium ignores or reads oddly
    (``*/*``, no slash, a space in the name, stray quotes) and arbitrary text.
    Helps test that the type, not its spelling, decides (RFC 9110 section 8.3).
    """
    valid = st.builds(lambda mime, params: mime + params,
                      st.sampled_from(_MIME_TYPES).flatmap(_cased),
                      st.sampled_from(["", "; charset=utf-8", ";charset=\"UTF-8\"", " ; q=1"]))
    if not malformed:
        return valid
    odd = st.sampled_from(["", "*/*", "application", "text/ html", 'text/html; charset="',
                           ";", "/", "application/x-ms-application;;;", "\t"])
    return st.one_of(valid, odd, header_text())


def content_dispositions(*, malformed: bool = False) -> st.SearchStrategy[str]:
    """A ``Content-Disposition`` value: ``inline`` or ``attachment``, maybe a filename
    (quoted, token or RFC 8187 ``filename*``).

    With ``malformed``, also tc2231-style near misses (``"attachment"``,
    ``attachment filename=x``, unknown types, broken ``filename*``) and arbitrary
    text. Helps test RFC 6266 as Chromium reads it (``sim.headers`` Rule 2), e.g.
    that ``attachment`` always downloads.
    """
    name = st.sampled_from(["App.application", "Spec.docx", "report.zip", "a b.pdf",
                            "x.fuzzle"])
    param = st.one_of(
        st.just(""),
        name.map(lambda n: f'; filename="{n}"'),
        name.filter(lambda n: " " not in n).map(lambda n: f"; filename={n}"),
        name.map(lambda n: "; filename*=UTF-8''" + n.replace(" ", "%20")),
    )
    valid = st.builds(lambda kind, p: kind + p,
                      st.sampled_from(["attachment", "inline"]).flatmap(_cased), param)
    if not malformed:
        return valid
    odd = st.sampled_from(['"attachment"', "attachment filename=x.docx", "foobar",
                           "filename=x.docx", "; filename=x.docx", "attachment; filename*=''x",
                           'attachment; filename="x.docx', "inline; attachment; filename=x",
                           "attachment;;", ""])
    return st.one_of(valid, odd, header_text())


def invoke_app_values(*, malformed: bool = False) -> st.SearchStrategy[str]:
    """An ``X-MS-InvokeApp`` value: ``1``, ``1; RequireReadOnly`` (any case, spacing) or ``0``.

    With ``malformed``, also arbitrary text. Helps test that only a first item of
    ``1`` asks for DirectInvoke (``sim.headers`` Rule 3; seed 001_51a2abd0d1cc96cd.txt).
    """
    valid = st.sampled_from(["1", " 1 ", "1; RequireReadOnly", "1;requirereadonly", "0"])
    return st.one_of(valid, header_text()) if malformed else valid


def download_options(*, malformed: bool = False) -> st.SearchStrategy[str]:
    """An ``X-Download-Options`` value: ``noopen`` in any case.

    With ``malformed``, also arbitrary text. Helps test that ``noopen`` only
    removes IE's Open button (browser-facts 1.7).
    """
    valid = st.sampled_from(["noopen"]).flatmap(_cased)
    return st.one_of(valid, header_text()) if malformed else valid


@st.composite
def _response_headers(draw: st.DrawFn, malformed: bool, content_type: str | None
                      ) -> dict[str, str]:
    headers = {"Content-Type": content_type if content_type is not None
               else draw(content_types(malformed=malformed))}
    for name, strategy in (("X-MS-InvokeApp", invoke_app_values(malformed=malformed)),
                           ("Content-Disposition", content_dispositions(malformed=malformed)),
                           ("X-Download-Options", download_options(malformed=malformed))):
        if draw(st.booleans()):
            headers[name] = draw(strategy)
    return headers


def response_headers(*, malformed: bool = False,
                     content_type: str | None = None) -> st.SearchStrategy[dict[str, str]]:
    """The ``headers`` of a ``[[web]]`` entry: Content-Type (``content_type`` fixes it),
    and maybe X-MS-InvokeApp, Content-Disposition and X-Download-Options.

    ``malformed`` passes on to each header's strategy.
    """
    return _response_headers(malformed, content_type)


# --------------------------------------------------------------------------- URLs

_LABEL: Final = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789")),
                        min_size=1, max_size=8)


def hosts() -> st.SearchStrategy[str]:
    """A host name: the gallery's hosts, ``localhost``, an IPv4 address, a single-label
    intranet name, or generated labels under ``.test`` (RFC 2606).

    Helps test zones (a dotless host is the Local intranet, ``sim.zones``).
    """
    return st.one_of(
        st.sampled_from(["apps.example.test", "sharepoint.example.test", "example.test",
                         "intranet", "localhost", "127.0.0.1", "10.0.0.5"]),
        st.lists(_LABEL, min_size=1, max_size=3).map(lambda parts: ".".join(parts) + ".test"),
    )


_EXTENSIONS: Final = (".application", ".docx", ".xlsx", ".pdf", ".zip", ".exe", ".txt",
                      ".html", HANDLER_EXTENSION, "")


def file_names(extensions: Sequence[str] = _EXTENSIONS) -> st.SearchStrategy[str]:
    """A file name with one of ``extensions`` (default: the types modelled, and none)."""
    if not extensions:
        raise InvalidArgument("expected at least one extension, found extensions=()")
    stem = st.sampled_from(["App", "Spec", "report", "setup", "a%20b", "Q3"])
    return st.builds(lambda s, e: s + e, stem, st.sampled_from(list(extensions)))


@st.composite
def _url(draw: st.DrawFn, schemes: Sequence[str], host: str | None, name: str | None) -> str:
    scheme = draw(st.sampled_from(list(schemes)))
    where = host if host is not None else draw(hosts())
    port = draw(st.sampled_from(["", "", ":8443"]))
    folders = draw(st.lists(st.sampled_from(["deploy", "sites", "Shared%20Documents", "v1"]),
                            max_size=2))
    leaf = name if name is not None else draw(file_names())
    query = draw(st.sampled_from(["", "", "?download=1"]))
    return f"{scheme}://{where}{port}/" + "".join(f"{f}/" for f in folders) + leaf + query


def urls(*, schemes: Sequence[str] = ("https", "http"), host: str | None = None,
         name: str | None = None) -> st.SearchStrategy[str]:
    """An absolute URL: scheme, host (``host`` fixes it), maybe a port, folders, a file
    name (``name`` fixes it), maybe a query.

    Helps test that what a browser hands over is the URL itself (DirectInvoke) and
    that URL matching (AutoOpenAllowedForURLs) reads every part.
    """
    if not schemes or any(s not in ("http", "https") for s in schemes):
        raise InvalidArgument(f"expected schemes among http, https, found schemes={schemes!r}")
    return _url(schemes, host, name)


# --------------------------------------------------------------------------- browsers

# Where each browser runs (sim.scenario.load: ie on Windows, edge-legacy on Windows 10).
_BROWSER_OS: Final = {"ie": WINDOWS_VERSIONS, "edge-legacy": ("windows-10",)}


def _runs_on(browser: str, os: str) -> bool:
    return os in _BROWSER_OS.get(browser, OS_NAMES)


def _check_names(names: Sequence[str] | None, known: Sequence[str], what: str) -> list[str]:
    if names is None:
        return list(known)
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise InvalidArgument(f"expected {what} among {', '.join(known)}, found {list(names)!r}")
    return list(names)


def _flag_switch(value: int, as_bool: bool) -> bool | int:
    return bool(value) if as_bool else value


def edge_policies() -> st.SearchStrategy[dict[str, Any]]:
    """A set of the Edge policies modelled (``ClickOnceEnabled``, ``DirectInvokeEnabled``
    as 0/1 or booleans, ``AutoOpenFileTypes``, ``AutoOpenAllowedForURLs``).

    Helps test policy laws (``sim.browsers.edge_features``): ``ClickOnceEnabled=0``
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
    }).map(lambda d: {k: d[k] for k in MODELLED_POLICIES if k in d})


@st.composite
def _browser(draw: st.DrawFn, names: list[str], os: str | None) -> Browser:
    name = draw(st.sampled_from([n for n in names if os is None or _runs_on(n, os)]))
    model = BROWSERS[name]
    top = model.newest if model.newest is not None else model.default
    data: dict[str, Any] = {"name": name}
    if draw(st.booleans()):
        data["version"] = str(draw(st.integers(model.first, top)))
    data["smartscreen"] = draw(st.sampled_from(["clean", "unsafe", "off"]))
    if name == "ie" and draw(st.booleans()):
        data["mode"] = draw(st.sampled_from(["desktop", "immersive"]))
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
    registry or files (contract section 1).
    """
    return _machine(_check_names(os, OS_NAMES, "os names"), handler)


# --------------------------------------------------------------------------- scenarios

_TAGS: Final = ("clickonce", "directinvoke", "generated", "policy", "headers")


@st.composite
def _scenario_file(draw: st.DrawFn, browser_names: list[str], os_names: list[str],
                   headers: st.SearchStrategy[dict[str, str]] | None) -> ScenarioFile:
    usable_os = [o for o in os_names if any(_runs_on(b, o) for b in browser_names)]
    machine = draw(machines(os=usable_os))
    browser = draw(browsers(names=browser_names, os=machine.os))
    name = draw(file_names())
    url = draw(urls(name=name))
    extension = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    mime = {".application": "application/x-ms-application", ".fuzzle": HANDLER_CONTENT_TYPE,
            ".docx": _DOCX}.get(extension)
    drawn = draw(headers if headers is not None else st.one_of(
        response_headers(content_type=mime) if mime else st.nothing(), response_headers()))
    status = draw(st.sampled_from([200, 200, 200, 404]))
    web: dict[str, Any] = {"url": url, "headers": drawn, "body": "x"}
    if status != 200:
        web["status"] = status
    dialogs = sorted(d for d in DIALOGS if d.split(".", 1)[0] in (browser.name, "dfshim"))
    answers = draw(st.dictionaries(st.sampled_from(dialogs), st.just(""), max_size=2))
    answers = {d: draw(st.sampled_from(DIALOGS[d].buttons)) for d in sorted(answers)}
    data = {
        "scenario": {"title": "generated by sim.strategies",
                     "tags": draw(st.lists(st.sampled_from(_TAGS), max_size=2, unique=True))},
        "machine": machine.model_dump(exclude_defaults=True),
        "browser": browser.model_dump(exclude_defaults=True, exclude_none=True),
        "web": [web],
        "click": {"url": url, "download_attribute": draw(st.booleans())},
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
    click on it, and answers to some of the browser's dialogs.

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
    """:func:`scenario_texts` loaded with ``Scenario.from_toml``: ready for ``sim.simulate``.

    Helps test laws every trace obeys: same scenario, same trace; exactly one
    outcome from the contract's set; every step cites its source.
    """
    return scenario_texts(browsers=browsers, os=os, headers=headers).map(Scenario.from_toml)


st.register_type_strategy(Scenario, st.deferred(scenarios))
st.register_type_strategy(ScenarioFile, st.deferred(scenario_files))
st.register_type_strategy(Registry, st.deferred(registries))
st.register_type_strategy(RegValue, st.deferred(reg_values))
