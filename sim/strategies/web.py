"""Strategies for response headers (valid or malformed), hosts, file names and URLs."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from sim.strategies.registry import HANDLER_CONTENT_TYPE, HANDLER_EXTENSION, SURROGATES


# Named functions rather than lambdas: Hypothesis describes a lambda by parsing its
# source file, which makes the first draw slow enough to fail its too_slow health check.
def _quoted_filename(name: str) -> str:
    return f'; filename="{name}"'


def _no_space(name: str) -> bool:
    return " " not in name


def _token_filename(name: str) -> str:
    return f"; filename={name}"


def _ext_filename(name: str) -> str:
    return "; filename*=UTF-8''" + name.replace(" ", "%20")


def _test_domain(parts: list[str]) -> str:
    return ".".join(parts) + ".test"

# --------------------------------------------------------------------------- headers

DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# MIME types that decide something here (edge-co-di; sim.shell.assoc).
_MIME_TYPES: Final = (
    "application/x-ms-application", "application/x-ms-manifest", "text/xml", "text/html",
    "text/plain", "application/octet-stream", "application/pdf", "application/zip",
    DOCX, "application/vnd.ms-excel", HANDLER_CONTENT_TYPE,
)
_HEADER_CHARS: Final = st.one_of(
    st.sampled_from(list(";=\"'\\%?* \t,/*")),
    st.characters(exclude_categories=SURROGATES),  # what UTF-8 carries (see registry.py)
)


def header_text(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Arbitrary header text, heavy in the characters header grammars care about.

    Helps test that the parsers of :mod:`sim.world.headers` are total (Rule 1 there:
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
    valid = st.builds(operator.add,
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
    text. Helps test RFC 6266 as Chromium reads it (``sim.world.headers`` Rule 2), e.g.
    that ``attachment`` always downloads.
    """
    name = st.sampled_from(["App.application", "Spec.docx", "report.zip", "a b.pdf",
                            "x.fuzzle"])
    param = st.one_of(
        st.just(""),
        name.map(_quoted_filename),
        name.filter(_no_space).map(_token_filename),
        name.map(_ext_filename),
    )
    valid = st.builds(operator.add,
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
    ``1`` asks for DirectInvoke (``sim.world.headers`` Rule 3; ie-directinvoke).
    """
    valid = st.sampled_from(["1", " 1 ", "1; RequireReadOnly", "1;requirereadonly", "0"])
    return st.one_of(valid, header_text()) if malformed else valid


def download_options(*, malformed: bool = False) -> st.SearchStrategy[str]:
    """An ``X-Download-Options`` value: ``noopen`` in any case.

    With ``malformed``, also arbitrary text. Helps test that ``noopen`` only
    removes IE's Open button (ie-download).
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

    Helps test zones (a dotless host is the Local intranet, ``sim.world.zones``).
    """
    return st.one_of(
        st.sampled_from(["apps.example.test", "sharepoint.example.test", "example.test",
                         "intranet", "localhost", "127.0.0.1", "10.0.0.5"]),
        st.lists(_LABEL, min_size=1, max_size=3).map(_test_domain),
    )


_EXTENSIONS: Final = (".application", ".docx", ".xlsx", ".pdf", ".zip", ".exe", ".txt",
                      ".html", HANDLER_EXTENSION, "")


def file_names(extensions: Sequence[str] = _EXTENSIONS) -> st.SearchStrategy[str]:
    """A file name with one of ``extensions`` (default: the types modelled, and none)."""
    if not extensions:
        raise InvalidArgument("expected at least one extension, found extensions=()")
    stem = st.sampled_from(["App", "Spec", "report", "setup", "a%20b", "Q3"])
    return st.builds(operator.add, stem, st.sampled_from(list(extensions)))


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
