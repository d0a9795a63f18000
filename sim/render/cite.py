"""Citations as each output shows them: the source's title, where in it, and its URL.

Rules:
1. A rule's, dialog's or scenario's citation (:mod:`sim.core.citations`) is shown as
   its source's title, then where in it, then the URL: a line of text, a Markdown
   link or an HTML link. A piece whose id the table lacks is shown as written.
2. A scenario ``sources`` entry that is a URL the table lacks is shown as a link
   to itself.
"""

from __future__ import annotations

from sim.core.citations import Citation, resolve, scenario_citation
from sim.render.escape import html_text, md_inline

__all__ = ["cite_html", "cite_lines", "cite_markdown", "entry_html", "entry_markdown"]


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://")) and not any(c in text for c in " <>|`\\\"")


def cite_lines(text: str) -> list[tuple[str, str]]:
    """Rule 1: ``(title and where, URL)`` per citation (no URL for a piece shown as written)."""
    out = []
    for piece in resolve(text):
        if isinstance(piece, Citation):
            where = f", {piece.where}" if piece.where else ""
            out.append((piece.source.title + where, piece.source.url))
        else:
            out.append((piece, ""))
    return out


def _md(citation: Citation) -> str:
    where = f", {md_inline(citation.where)}" if citation.where else ""
    url = citation.source.url
    if _is_url(url):
        return f"[{md_inline(citation.source.title)}](<{url}>){where}"
    return f"{md_inline(citation.source.title)} (`{url}`){where}"


def _html(citation: Citation) -> str:
    where = f", {html_text(citation.where)}" if citation.where else ""
    url = citation.source.url
    if _is_url(url):
        return f'<a href="{html_text(url)}">{html_text(citation.source.title)}</a>{where}'
    return f"{html_text(citation.source.title)} (<code>{html_text(url)}</code>){where}"


def cite_markdown(text: str) -> str:
    """Rule 1: the citations of ``text`` as Markdown, ``; `` between them."""
    return "; ".join(_md(p) if isinstance(p, Citation) else md_inline(p) for p in resolve(text))


def cite_html(text: str) -> str:
    """Rule 1: the citations of ``text`` as HTML, ``; `` between them."""
    return "; ".join(_html(p) if isinstance(p, Citation) else html_text(p)
                     for p in resolve(text))


def entry_markdown(entry: str) -> str:
    """Rules 1-2: one scenario ``sources`` entry as Markdown."""
    citation = scenario_citation(entry)
    if citation is not None:
        return _md(citation)
    return f"[{md_inline(entry)}](<{entry}>)" if _is_url(entry) else md_inline(entry)


def entry_html(entry: str) -> str:
    """Rules 1-2: one scenario ``sources`` entry as HTML."""
    citation = scenario_citation(entry)
    if citation is not None:
        return _html(citation)
    return (f'<a href="{html_text(entry)}">{html_text(entry)}</a>' if _is_url(entry)
            else html_text(entry))
