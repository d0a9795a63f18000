"""Escaping for every output syntax: what a scenario says is shown, never interpreted.

Rules:
1. HTML: ``&``, ``<``, ``>``, ``"`` and ``'`` become character references
   (https://html.spec.whatwg.org/multipage/syntax.html#character-references).
2. Markdown inline text: the ASCII punctuation CommonMark reads as markup inside a
   line (``\\ ` * _ [ ] < > & | ~``) is backslash-escaped
   (https://spec.commonmark.org/0.31.2/#backslash-escapes); a line break becomes a space.
3. Markdown table cells: as inline text, and ``|`` is escaped so it does not end the
   cell (GFM tables, https://github.github.com/gfm/#tables-extension-).
4. Markdown prose (a scenario's ``description``, which is Markdown): kept as
   Markdown, but raw HTML is not: ``<`` and ``>`` are escaped.
5. Mermaid labels: quoted, with every character that Mermaid's grammar reads
   (quotes, brackets, ``#``, ``;``, ``|``, ``<``, ``>``, ``&``, backtick) written as an
   entity code ``#<decimal>;`` (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters);
   line breaks become spaces.
6. Code fences: a fence one backtick longer than the longest backtick run in
   the content (https://spec.commonmark.org/0.31.2/#fenced-code-blocks).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["code_fence", "html_text", "md_cell", "md_inline", "md_prose", "mermaid_label"]

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>&|~])")
_MERMAID_SPECIAL: Final = frozenset('"#;|<>&`[](){}')


# html.escape(quote=True)'s table, without importing the html package (its entity table
# costs start-up time).
_HTML: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "'": "&#x27;"})


def html_text(text: str) -> str:
    """Rule 1."""
    return text.translate(_HTML)


def md_inline(text: str) -> str:
    """Rule 2."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def md_cell(text: str) -> str:
    """Rule 3 (``|`` is among Rule 2's characters)."""
    return md_inline(text)


def md_prose(text: str) -> str:
    """Rule 4."""
    return text.replace("<", r"\<").replace(">", r"\>")


def mermaid_label(text: str) -> str:
    """Rule 5: a quoted Mermaid label showing ``text`` as written."""
    flat = " ".join(text.splitlines())
    return '"' + "".join(f"#{ord(c)};" if c in _MERMAID_SPECIAL else c for c in flat) + '"'


def code_fence(content: str, info: str = "") -> str:
    """Rule 6: ``content`` in a fenced code block no line of it can close."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{content.rstrip(chr(10))}\n{fence}\n"
