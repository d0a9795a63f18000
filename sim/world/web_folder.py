"""A folder served whole by a static web server: a ClickOnce publish folder as a web site.

Rules:
1. Each file is served at the base URL joined with its path relative to the folder,
   each segment percent-encoded as a URL path (RFC 3986 section 3.3: ``pchar`` keeps
   unreserved characters and sub-delims, ``:`` and ``@``; a space is ``%20``), so
   ``Application Files/App_1_0_0_0/App.exe.manifest`` is served at
   ``Application%20Files/App_1_0_0_0/App.exe.manifest``; the server decodes the request
   path, so either spelling of a character reaches the file
   (:func:`sim.world.web.normalize_url`).
2. The Content-Type is the extension's, as IIS's default MIME map and the ClickOnce
   server documentation give them: ``.application`` application/x-ms-application,
   ``.manifest`` application/x-ms-manifest, ``.deploy`` application/octet-stream
   (https://learn.microsoft.com/visualstudio/deployment/
   server-and-client-configuration-issues-in-clickonce-deployments, "ClickOnce and MIME
   types"; https://learn.microsoft.com/iis/configuration/system.webserver/staticcontent/
   mimemap for the others). An extension not in the table is served as
   application/octet-stream, as common static hosts do [inf: IIS instead refuses unknown
   extensions with 404.3; a scenario can give that file its own entry].
3. The entry's ``headers`` apply to every file and win over Rule 2; its status and
   ``requires`` apply to every file. A ``[[web]]`` entry for one file's URL replaces the
   folder's response for that URL.
4. A static file answers whatever the query string (``App.application?user=7`` is
   ``App.application``): a static server maps only the path to a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final
from urllib.parse import quote

from sim.world.web import Requirements, Resource

__all__ = ["CONTENT_TYPES", "content_type", "file_url", "folder_resources"]

CONTENT_TYPES: Final[Mapping[str, str]] = {
    ".application": "application/x-ms-application",
    ".manifest": "application/x-ms-manifest",
    ".deploy": "application/octet-stream",
    ".msu": "application/octet-stream",
    ".msp": "application/octet-stream",
    ".exe": "application/octet-stream",
    ".dll": "application/x-msdownload",
    ".htm": "text/html",
    ".html": "text/html",
    ".txt": "text/plain",
    ".xml": "text/xml",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "application/javascript",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".svg": "image/svg+xml",
    ".zip": "application/x-zip-compressed",
    ".msi": "application/octet-stream",
    ".appref-ms": "application/x-ms-application",
    ".vsto": "application/x-ms-vsto",
}
_PCHAR_SAFE: Final = "!$&'()*+,;=:@-._~"


def content_type(path: str) -> str:
    """Rule 2: the Content-Type a static server gives ``path``."""
    name = path.rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    return CONTENT_TYPES.get(name[dot:], "application/octet-stream") if dot > 0 else (
        "application/octet-stream")


def file_url(base: str, path: str) -> str:
    """Rule 1: the URL of ``path`` (``/``-separated, relative) under ``base`` (ends ``/``)."""
    return base + "/".join(quote(segment, safe=_PCHAR_SAFE) for segment in path.split("/"))


def folder_resources(base: str, files: Iterable[tuple[str, bytes]], *, status: int = 200,
                     headers: Iterable[tuple[str, str]] = (),
                     requires: Requirements | None = None) -> list[Resource]:
    """Rules 1-3: one resource per file of the folder served at ``base``."""
    extra = tuple(headers)
    overridden = {name.lower() for name, _ in extra}
    out = []
    for path, body in files:
        own = () if "content-type" in overridden else (("Content-Type", content_type(path)),)
        out.append(Resource(url=file_url(base, path), status=status, headers=own + extra,
                            body=body, requires=requires or Requirements(), any_query=True))
    return out
