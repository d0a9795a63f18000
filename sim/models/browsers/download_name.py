"""The name each browser gives a download on Windows (Chrome and Edge, Firefox, IE).

Rules (:data:`DOWNLOAD_NAME_RULES`):
1. Chrome and Edge: Chromium's ``net::GenerateFileName`` with the default name
   ``download`` and the MIME database of the machine's registry
   (:mod:`sim.models.browsers.names_chromium`); the ``<a download="NAME">`` value is
   the suggested name, below Content-Disposition's.
2. Firefox: the name is Content-Disposition's, else the ``download`` attribute's, else
   the URL's last path segment [inf: the order Chromium uses], sanitised by Firefox's
   ``DownloadPaths.sanitize`` on Windows: runs of ``/`` and ``\\`` become ``_``; ``<``
   ``>`` become ``(`` ``)`` and ``"`` becomes ``'``; runs of control characters and
   ``:*?|`` become a space; runs of whitespace become one space; leading and trailing
   dots and whitespace go. A name left empty is ``download`` and a reserved device
   name gets a leading ``_`` [inf: Firefox must hand Windows a name it accepts; its
   exact fallback is not in DownloadPaths].
3. Internet Explorer and Edge Legacy: Content-Disposition's name, else the ``download``
   attribute's (Edge Legacy only: IE ignores it, "anywhere but IE"), else the URL's last
   path segment. No public
   source gives their sanitising, so Windows' own refusals are avoided the way
   Chromium does it [inf]: illegal characters become ``_``, trailing dots and spaces
   are cut, leading dots go, a reserved device name gets a leading ``_``, an empty
   name is ``download``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

from sim.core.rules import Rule, Step, rule_table
from sim.models.browsers.names_chromium import (
    NO_PLATFORM,
    GeneratedName,
    MimeExtensions,
    generate_file_name,
)
from sim.registry import Registry

__all__ = [
    "DOWNLOAD_NAME_RULES",
    "DownloadName",
    "download_name",
    "firefox_sanitize",
    "registry_mime_table",
]

DOWNLOAD_NAME_RULES: Final = rule_table(
    [
        Rule(id="firefox.file_name", source=('firefox-download-paths: sanitize (Windows)'),
             summary="Firefox's name: / and \\ become _, <>\" become ()', :*?| a space, "
             "ends trimmed"),
        Rule(id="firefox.name_fallback", source=(
            'win32-naming-files: inferred from the reserved device names and the empty-name '
            'rule of "Naming Conventions"'), inferred=True,
             summary="an empty name is download; a reserved device name gets _"),
        Rule(id="ie.file_name", source=(
            'win32-naming-files: inferred from "Naming Conventions" (characters Windows '
            "refuses, no trailing period or space), as IE's own sanitising is not published"),
             inferred=True,
             summary="IE's and Edge Legacy's name: characters Windows refuses become _, "
             "trailing dots and spaces go"),
        Rule(id="ie.download_attribute_ignored", source=(
            'lawrence-directinvoke: the download attribute is supported "anywhere but IE"'),
             summary='IE has no download attribute ("anywhere but IE")'),
    ]
)

_CHROMIUM: Final = frozenset({"chrome", "edge"})
_FIREFOX_SPACES: Final = re.compile(r"[\x00-\x1f\x7f-\x9f:*?|]+")
# JavaScript's \s, which DownloadPaths' regular expressions use (Python's differs).
_JS_SPACE: Final = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WINDOWS_ILLEGAL: Final = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICE: Final = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|"
                            r"LPT[0-9\u00b9\u00b2\u00b3])(\.|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DownloadName:
    """The name a browser saves a download under, and the steps that made it."""

    name: str
    source: str  # where the name came from: Content-Disposition, download attribute, ...
    steps: tuple[Step, ...]


def registry_mime_table(reg: Registry | None) -> MimeExtensions:
    """Chromium's platform MIME lookup on Windows: ``HKCR\\MIME\\Database\\Content Type``."""
    if reg is None:
        return NO_PLATFORM

    def platform(mime: str) -> str | None:
        if not mime or "\\" in mime:
            return None
        value = reg.get_value(rf"HKEY_CLASSES_ROOT\MIME\Database\Content Type\{mime}",
                              "Extension")
        text = value.text if value is not None else None
        return text.removeprefix(".") or None if text else None

    return MimeExtensions(platform=platform)


def _url_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1].split(";", 1)[0])


def firefox_sanitize(raw: str) -> str:
    """DownloadPaths.sanitize on Windows, whitespace compressed (Rule 2)."""
    name = raw.replace("<", "(").replace(">", ")").replace('"', "'")
    name = re.sub(r"[\\/]+", "_", name)
    name = re.sub("[\u200e\u200f\u202a-\u202e]", "", name)
    name = _FIREFOX_SPACES.sub(" ", name)
    name = re.sub(f"[{_JS_SPACE}]{{2,}}", " ", name)
    return re.sub(f"^[{_JS_SPACE}\u180e.]+|[{_JS_SPACE}\u180e.]+$", "", name)


def _windows_valid(raw: str) -> str:
    return _WINDOWS_ILLEGAL.sub("_", raw).rstrip(" .").lstrip(".")


def _fallback(name: str) -> str:
    if not name:
        return "download"
    return f"_{name}" if _DEVICE.match(name) else name


def download_name(browser: str, *, url: str, disposition_name: str, suggested: str,
                  mime: str, registry: Registry | None) -> DownloadName:
    """Rules 1-3: the name ``browser`` saves this response under."""
    if browser in _CHROMIUM:
        made: GeneratedName = generate_file_name(
            url, disposition_name, suggested=suggested, mime=mime, default="download",
            table=registry_mime_table(registry))
        steps = [Step(rule, made.name) for rule in made.fired]
        return DownloadName(made.name, made.source, tuple(steps))
    if browser == "firefox":
        raw, source = _source(disposition_name, suggested, url)
        cleaned = firefox_sanitize(raw)
        name = _fallback(cleaned)
        steps = [Step("firefox.file_name", f"{raw!r} -> {cleaned!r}")] if cleaned != raw else []
        if name != cleaned:
            steps.append(Step("firefox.name_fallback", name))
        return DownloadName(name, source if cleaned else "default", tuple(steps))
    steps = []
    if suggested and browser == "ie":
        steps.append(Step("ie.download_attribute_ignored", suggested))
        suggested = ""
    raw, source = _source(disposition_name, suggested, url)
    valid = _windows_valid(raw)
    name = _fallback(valid)
    if name != raw:
        steps.append(Step("ie.file_name", f"{raw!r} -> {name!r}"))
    return DownloadName(name, source if valid else "default", tuple(steps))


def _source(disposition_name: str, suggested: str, url: str) -> tuple[str, str]:
    if disposition_name:
        return disposition_name, "Content-Disposition"
    if suggested:
        return suggested, "download attribute"
    return _url_name(url), "URL path"
