"""Render a matrix (:class:`sim.engine.matrix.Matrix`) as a text, Markdown or HTML table.

Rules:
1. Rows are configurations (or scenarios, in the gallery), columns browsers; each
   cell shows the route, the outcome and the dialog ids in the order shown, or
   ``n/a`` and why the scenario cannot run in that configuration.
2. Text: a grid with each cell's route, outcome and dialogs on their own lines.
   Markdown: one line per cell (``route → outcome: dialogs``), pipes escaped.
   HTML: one self-contained page (inline CSS, no script), outcomes coloured.
3. Everything from the scenario is escaped for the format (:mod:`sim.render.escape`).
"""

from __future__ import annotations

from sim.engine.matrix import Cell, Matrix
from sim.render.escape import html_text, md_cell, md_inline

__all__ = ["cell_lines", "matrix_html", "matrix_markdown", "matrix_text", "render_matrix"]


def cell_lines(cell: Cell) -> list[str]:
    """Rule 1: a cell as lines: route, outcome, then each dialog id (or n/a, reason)."""
    if cell.trace is None:
        return ["n/a", cell.reason or ""]
    trace = cell.trace
    return [trace.route, trace.outcome, *(d.id for d in trace.dialogs)]


def _cell_line(cell: Cell) -> str:
    if cell.trace is None:
        return f"n/a: {cell.reason or ''}"
    trace = cell.trace
    dialogs = ", ".join(d.id for d in trace.dialogs) or "no dialog"
    return f"{trace.route} → {trace.outcome}: {dialogs}"


def matrix_text(matrix: Matrix) -> str:
    """Rule 2, text."""
    header = [matrix.corner, *matrix.columns]
    body = [[[row.label], *(cell_lines(c) for c in row.cells)] for row in matrix.rows]
    widths = [max(len(header[i]), *(len(line) for r in body for line in r[i]))
              for i in range(len(header))]
    widths = [min(w, 60) for w in widths]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [matrix.title, rule,
           "|" + "|".join(f" {h[:w]:<{w}} " for h, w in zip(header, widths, strict=True)) + "|",
           rule]
    for row in body:
        for index in range(max(len(c) for c in row)):
            out.append("|" + "|".join(
                f" {(c[index] if index < len(c) else '')[:w]:<{w}} "
                for c, w in zip(row, widths, strict=True)) + "|")
        out.append(rule)
    reasons = sorted({c.reason for r in matrix.rows for c in r.cells if c.reason})
    out += [f"n/a: {reason}" for reason in reasons]
    return "\n".join(out) + "\n"


def matrix_markdown(matrix: Matrix) -> str:
    """Rule 2, Markdown (a GFM table)."""
    out = [f"| {md_cell(matrix.corner)} | " + " | ".join(md_cell(c) for c in matrix.columns)
           + " |", "| --- " * (len(matrix.columns) + 1) + "|"]
    for row in matrix.rows:
        label = md_inline(row.label)
        if row.href:
            label = f"[{label}](<{row.href}>)"
        out.append(f"| {label} | " + " | ".join(md_cell(_cell_line(c)) for c in row.cells)
                   + " |")
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:"Segoe UI",system-ui,sans-serif;margin:24px;color:#111}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #d1d5db;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#e5e7eb}.route{font-weight:600}.na{color:#6b7280;font-style:italic}
.o-launched{color:#166534}.o-failed,.o-blocked{color:#b91c1c}.o-cancelled{color:#92400e}
.dlg{font-family:Consolas,monospace;font-size:.78rem;display:block}
""".strip()


def _cell_html(cell: Cell) -> str:
    if cell.trace is None:
        return f'<td class="na">n/a: {html_text(cell.reason or "")}</td>'
    trace = cell.trace
    dialogs = "".join(f'<span class="dlg">{html_text(d.id)}</span>' for d in trace.dialogs)
    return (f'<td><span class="route">{html_text(trace.route)}</span> → '
            f'<span class="o-{html_text(trace.outcome)}">{html_text(trace.outcome)}</span>'
            f"{dialogs}</td>")


def matrix_html(matrix: Matrix, *, page: bool = True) -> str:
    """Rule 2, HTML: a table, in a self-contained page unless ``page`` is false."""
    out = ['<table class="matrix">',
           "<tr>" + "".join(f"<th>{html_text(h)}</th>"
                            for h in (matrix.corner, *matrix.columns)) + "</tr>"]
    for row in matrix.rows:
        label = html_text(row.label)
        if row.href:
            label = f'<a href="{html_text(row.href)}">{label}</a>'
        out.append(f"<tr><th>{label}</th>" + "".join(_cell_html(c) for c in row.cells)
                   + "</tr>")
    out.append("</table>")
    table = "\n".join(out)
    if not page:
        return table + "\n"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html_text(matrix.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n<h1>{html_text(matrix.title)}</h1>\n{table}\n</body>\n</html>\n")


def render_matrix(matrix: Matrix, fmt: str) -> str:
    """The matrix in ``fmt``: ``text``, ``markdown`` or ``html``."""
    if fmt == "markdown":
        return f"## {md_inline(matrix.title)}\n\n" + matrix_markdown(matrix)
    if fmt == "html":
        return matrix_html(matrix)
    return matrix_text(matrix)
