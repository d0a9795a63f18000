"""Document handlers (Office and any handler a scenario declares): what they do with a URL.

Rules (:data:`DOCUMENT_RULES`):
1. Given a local path, the handler opens the file (ShellExecute found it).
2. Given an Office URI (``ms-word:ofe|u|<url>``, ``ofv`` read-only, or the abbreviated
   ``ms-word:<url>``), the handler takes the URL argument (office-uri-schemes);
   given an http(s) URL (DirectInvoke), that URL.
3. A URL longer than the handler's limit fails: Office 2013 takes URI arguments of at
   most 256 characters, Excel 216 (office-uri-schemes); lawrence-directinvoke says "Excel cannot
   handle a URL longer than 260 characters", which kb-q129157 identifies as
   MAX_PATH rather than a documented Excel limit, so the documented limits are used.
4. A URL already in the handler's document cache opens from the cache: nothing is
   downloaded (ie-directinvoke: "Office checks its cache and only downloads the file if it
   isn't already in the cache").
5. Otherwise the handler fetches the URL itself, as a new process: no browser cookies,
   only the authentication schemes it implements, its own TLS (lawrence-directinvoke "App Should
   Avoid Depending On Browser State"; kb-2019105, dotnet-tls). A refusal fails with
   the app's complaint that it cannot retrieve the file (lawrence-clickonce).
6. ``RequireReadOnly`` (the OpenAsReadOnly verb) and ``ofv`` open read-only (ie-directinvoke).
"""

from __future__ import annotations

import re
from typing import Final

from sim.core.rules import Rule, rule_table
from sim.models.context import HandlerContext, HandlerResult, HandlerSpec
from sim.shell.execute import Launch
from sim.world.web import Client, normalize_url

__all__ = [
    "BUILTIN_DOCUMENT_HANDLERS",
    "DOCUMENT_RULES",
    "OFFICE_CLIENT",
    "OFFICE_SCHEMES",
    "open_document",
]

_OFFICE_DIR: Final = "C:\\Program Files\\Microsoft Office\\root\\Office16\\"

DOCUMENT_RULES: Final = rule_table(
    [
        Rule(id="handler.open_file", source=(
            'lawrence-directinvoke: section "App Should Handle Traditional Files": "Office '
            'applications work fine with regular files"'),
             summary="given a local path, the handler opens the file"),
        Rule(id="handler.office_uri", source=(
            "office-uri-schemes: the commands ofv (view) and ofe (edit) with the u descriptor"),
             summary="an Office URI's URL argument is the document (ofv: read-only)"),
        Rule(id="handler.url_too_long", source=(
            'office-uri-schemes: inferred from the path limit of the URI argument, 256 '
            'characters (Excel 216), applied to DirectInvoke URLs; kb-q129157: the Excel path '
            'limit'), inferred=True,
             summary="a URL over the handler's limit (Office 256, Excel 216) fails (the "
             "limits are the Office URI schemes'; applied to DirectInvoke URLs [inf])"),
        Rule(id="handler.cache_hit", source=(
            'ie-directinvoke: "Office checks its cache and only downloads the file if it '
            'isn\'t already in the cache"'),
             summary="a document already in the handler's cache opens with no download"),
        Rule(id="handler.fetch", source=(
            'lawrence-directinvoke: section "App Should Avoid Depending On Browser State"; '
            "kb-2019105: Office re-negotiates authentication; dotnet-tls: TLS versions by "
            "Windows version"),
             summary="the handler fetches the URL itself, without the browser's cookies"),
        Rule(id="handler.fetch_failed", source=(
            'lawrence-directinvoke: section "App Should Avoid Depending On Browser State": "the '
            'download will fail"'), summary="the handler cannot retrieve the file: failed"),
        Rule(id="handler.opened", source=(
            'ie-directinvoke: "DirectInvoke calls Office using the target URL"'),
             summary="the document opens (read-only for RequireReadOnly or ofv)"),
    ]
)

# Office's own fetch: a new process with no browser cookies; Windows integrated
# authentication (kb-2019105); TLS through Windows [inf: 9.5 leaves Office's
# TLS stack unverified].
OFFICE_CLIENT: Final = Client(name="office", cookies=False,
                              auth=frozenset({"ntlm", "negotiate"}), tls="1.2")


def _office(name: str, title: str, exe: str, limit: int) -> HandlerSpec:
    return HandlerSpec(name=name, title=title, image=_OFFICE_DIR + exe, url_limit=limit,
                       client=Client(name=name, cookies=OFFICE_CLIENT.cookies,
                                     auth=OFFICE_CLIENT.auth, tls=OFFICE_CLIENT.tls),
                       source="office-uri-schemes: the path limit of the URI argument, 256 "
                       "characters (Excel 216); kb-2019105: Office re-negotiates "
                       "authentication")


BUILTIN_DOCUMENT_HANDLERS: Final = {
    "word": _office("word", "Word", "WINWORD.EXE", 256),
    "excel": _office("excel", "Excel", "EXCEL.EXE", 216),
    "powerpoint": _office("powerpoint", "PowerPoint", "POWERPNT.EXE", 256),
    # Office's URI-scheme handler hands the document to the app the scheme names (Rule 2).
    "office-protocol": _office("office-protocol", "Office", "protocolhandler.exe", 256),
}
# The Office URI schemes and the app each opens (office-uri-schemes).
OFFICE_SCHEMES: Final = {"ms-word": "word", "ms-excel": "excel", "ms-powerpoint": "powerpoint"}

_OFFICE_URI: Final = re.compile(r"^ms-[a-z]+:(?:(ofe|ofv|nft)\|u\|)?(.*)$", re.IGNORECASE)


def _document_url(launch: Launch) -> tuple[str | None, bool]:
    """Rule 2: the document URL (None for a local file) and whether ``ofv`` asked read-only."""
    target = launch.target
    match = _OFFICE_URI.match(target)
    if match:
        url = match.group(2).split("|", 1)[0]
        return url, (match.group(1) or "ofv").lower() == "ofv"
    if launch.url is not None:
        return launch.url, False
    return None, False


def _app_for_scheme(ctx: HandlerContext, spec: HandlerSpec, target: str) -> HandlerSpec:
    """Rule 2: Office's protocol handler opens the app an Office URI's scheme names."""
    app = OFFICE_SCHEMES.get(target.split(":", 1)[0].lower())
    builtin = BUILTIN_DOCUMENT_HANDLERS.get(app or "")
    if builtin is None:
        return spec
    return ctx.documents.get(builtin.image.lower(), builtin)


def open_document(ctx: HandlerContext, spec: HandlerSpec, launch: Launch) -> HandlerResult:
    """Rules 1-6 for the handler ``spec`` started as ``launch``."""
    url, view_only = _document_url(launch)
    if url is not None and url != launch.target:
        spec = _app_for_scheme(ctx, spec, launch.target)
    read_only = view_only or (launch.verb or "").lower() == "openasreadonly"
    mode = " read-only" if read_only else ""
    if url is None:
        ctx.note("handler.open_file", f"{spec.title} opens {launch.target}{mode}")
        return HandlerResult(handler=spec.name, outcome="launched")
    if url != launch.target:
        ctx.note("handler.office_uri", f"{launch.target} -> {url}")
    if spec.url_limit is not None and len(url) > spec.url_limit:
        ctx.note("handler.url_too_long", f"{len(url)} characters, over {spec.title}'s "
                 f"limit of {spec.url_limit}")
        return HandlerResult(handler=spec.name, outcome="failed", error=(
            f"{spec.title} cannot retrieve the file: the URL is {len(url)} characters, "
            f"over {spec.title}'s limit of {spec.url_limit}"))
    if normalize_url(url) in spec.cache:
        ctx.note("handler.cache_hit", f"{url}: opened from {spec.title}'s document cache, "
                 "0 bytes downloaded")
        ctx.note("handler.opened", f"{spec.title} opens {url}{mode}")
        return HandlerResult(handler=spec.name, outcome="launched")
    result = ctx.fetch(url, spec.client)
    if not result.ok:
        reason = result.error or f"HTTP {result.status}"
        ctx.note("handler.fetch_failed", f"{url}: {reason}")
        return HandlerResult(handler=spec.name, outcome="failed", error=(
            f"{spec.title} cannot retrieve the file {url}: {reason}"))
    ctx.note("handler.fetch", f"{url}: {len(result.body)} bytes as {spec.client.name}")
    ctx.note("handler.opened", f"{spec.title} opens {url}{mode}")
    return HandlerResult(handler=spec.name, outcome="launched")
