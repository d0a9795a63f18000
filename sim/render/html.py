"""Render a trace as one self-contained HTML page, each dialog drawn as it looks.

Rules:
1. One page, inline CSS only: no script, no external asset, no clock; the same
   trace gives the same bytes.
2. Each dialog id family has its own look (:data:`LOOKS`, by the id's prefix and
   kind): IE's notification bar (``ie.download``) and prompt window
   (``ie.open_file``); Edge Legacy's dark bar; Edge's flyouts "Open this file?"
   and "This file may be unsafe" with their links and Cancel as the blue primary
   button (edge-co-di); the download UIs of Edge (flyout), Chrome (shelf)
   and Firefox (panel); the external-protocol prompt; dfshim's "Application
   Install - Security Warning" (publisher "Unknown Publisher", edge-co-di)
   and "Cannot Start Application" with its error icon (kb-2647493). An
   id with no look of its own is drawn as a plain window.
3. The dialog's title and text are the trace's (the documented texts of
   :mod:`sim.models.dialogs`); the answered button is marked (``aria-pressed``, a ring
   and a check); a dialog whose wording no source gives carries an "inferred
   wording" badge; each cites its source.
4. The path through the browser's pipeline (:mod:`sim.render.pipeline`) is drawn
   as a row of stages, then every step with its rule, what it found and its source.
5. Everything from the scenario or the trace is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sim.engine.trace import Trace
from sim.models.dialogs import Dialog
from sim.render.cite import cite_html, entry_html
from sim.render.escape import html_text
from sim.render.mermaid import render_mermaid
from sim.render.pipeline import graph_for
from sim.render.story import Story
from sim.render.summary import button_label, dialog_note, summary_rows

__all__ = ["CSS", "LOOKS", "dialog_html", "look_of", "render_html"]

# Rule 2: (dialog id prefix, kind) -> the look's CSS class. Kind None: any kind.
LOOKS: Final[Mapping[tuple[str, str | None], str]] = {
    ("ie", "download"): "ie-bar",
    ("ie", "open_file"): "ie-window",
    ("edge-legacy", None): "legacy-bar",
    ("edge", "open_file"): "edge-flyout",
    ("edge", "unsafe_file"): "edge-flyout edge-unsafe",
    ("edge", "download"): "edge-downloads",
    ("chrome", "download"): "chrome-shelf",
    ("firefox", "download"): "firefox-panel",
    ("dfshim", "security_warning"): "win-dialog dfshim-warning",
    ("dfshim", "cannot_start"): "win-dialog dfshim-error",
    ("dfshim", "update_available"): "win-dialog dfshim-update",
}
# Buttons drawn as the primary (blue) one, by look (edge-co-di: Cancel on Edge).
_PRIMARY: Final = {"edge-flyout": "cancel", "edge-flyout edge-unsafe": "cancel",
                   "protocol": "open", "win-dialog dfshim-warning": "install",
                   "win-dialog dfshim-error": "ok", "win-dialog dfshim-update": "ok"}
_WHERE: Final = {"ie-bar": "bottom", "legacy-bar": "bottom", "chrome-shelf": "bottom",
                 "edge-flyout": "top-right", "edge-flyout edge-unsafe": "top-right",
                 "edge-downloads": "top-right", "firefox-panel": "top-right",
                 "protocol": "top", "ie-window": "center", "win-dialog dfshim-warning": "center",
                 "win-dialog dfshim-error": "center", "win-dialog dfshim-update": "center",
                 "window": "center"}
_HOSTS: Final = {"ie": "Internet Explorer", "edge-legacy": "Microsoft Edge (EdgeHTML)",
                 "edge": "Microsoft Edge", "chrome": "Google Chrome", "firefox": "Firefox",
                 "dfshim": "Windows (ClickOnce, dfsvc.exe)"}

CSS: Final = """
body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:0 0 8px}h2{font-size:1.15rem;margin:28px 0 10px}
.desc{white-space:pre-wrap;margin:0 0 12px;color:#333}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
th,td{border:1px solid #d1d5db;padding:5px 8px;text-align:left;vertical-align:top;
 overflow-wrap:anywhere}
td.rule{white-space:nowrap;overflow-wrap:normal}
th{background:#e5e7eb}code{font-family:Consolas,monospace;font-size:.85rem}
.summary th{width:140px}.outcome-launched{color:#166534;font-weight:600}
.outcome-failed,.outcome-blocked{color:#b91c1c;font-weight:600}
.scene{display:flex;flex-direction:column;background:#fff;border:1px solid #9ca3af;
 border-radius:6px;min-height:230px;margin:10px 0 4px}
.scene .chrome-top{background:#e5e7eb;border-bottom:1px solid #d1d5db;padding:6px 10px;
 font-size:.8rem;color:#374151}
.scene .host{font-weight:600}
.dlg{font-size:.85rem;box-sizing:border-box;max-width:calc(100% - 28px)}
.at-bottom{margin-top:auto;width:100%;max-width:100%}
.at-top-right{margin:12px 14px 16px auto;width:360px}
.at-top{margin:12px auto 16px;width:380px}
.at-center{margin:18px auto 20px;width:430px}
.line{margin:0 0 2px}
.btn{display:inline-block;border:1px solid #8a8a8a;background:#f0f0f0;padding:3px 14px;
 margin-left:6px;border-radius:2px;font-size:.82rem}
.btn.primary{background:#0067b8;border-color:#0067b8;color:#fff}
.btn[aria-pressed=true]{outline:3px solid #f59e0b;outline-offset:2px;font-weight:700}
.btn[aria-pressed=true]::after{content:" \\2713"}
.buttons{text-align:right;margin-top:10px}
.link{color:#0067b8;text-decoration:underline;display:block;margin-top:8px}
.ie-bar{background:#fbfbe3;border-top:1px solid #c8c8a0;padding:10px 14px;display:flex;
 justify-content:space-between;align-items:center}
.ie-bar .buttons{margin:0;white-space:nowrap}
.legacy-bar{background:#2b2b2b;color:#fff;padding:12px 16px;display:flex;
 justify-content:space-between;align-items:center}
.legacy-bar .btn{background:#4a4a4a;color:#fff;border-color:#666}
.legacy-bar .buttons{margin:0;white-space:nowrap}
.edge-flyout,.edge-downloads,.firefox-panel{background:#fff;border-radius:8px;
 box-shadow:0 8px 24px rgba(0,0,0,.25);padding:16px}
.edge-flyout .title{font-weight:600;font-size:1rem;margin-bottom:6px}
.edge-flyout .btn{border-radius:4px}
.edge-unsafe .title::before{content:"\\26A0  ";color:#b45309}
.edge-downloads .title,.firefox-panel .title{font-weight:600;margin-bottom:8px}
.file-row{border:1px solid #e5e7eb;border-radius:4px;padding:8px}
.chrome-shelf{background:#fff;border-top:1px solid #d1d5db;padding:10px 14px;
 box-shadow:0 -2px 6px rgba(0,0,0,.1)}
.chrome-shelf .file-row{display:inline-block;min-width:260px}
.firefox-panel{border-radius:4px}
.protocol,.window,.ie-window,.win-dialog{background:#fff;border:1px solid #6b7280;
 box-shadow:0 8px 24px rgba(0,0,0,.25)}
.protocol{border-radius:8px;padding:16px}.protocol .title{font-weight:600;margin-bottom:6px}
.titlebar{background:#fff;border-bottom:1px solid #e5e7eb;padding:6px 10px;font-size:.8rem}
.ie-window .titlebar{background:#dbe8f7}
.win-body{padding:14px}
.dfshim-warning .banner{background:#fff;border-bottom:1px solid #d1d5db;padding:12px 14px;
 font-weight:600}
.dfshim-warning .banner::before{content:"\\26A0  ";color:#b45309}
.dfshim-error .win-body::before{content:"\\2716";color:#fff;background:#c42b1c;
 border-radius:50%;display:inline-block;width:22px;height:22px;text-align:center;
 line-height:22px;margin-right:10px;float:left}
.facts{display:grid;grid-template-columns:90px 1fr;gap:4px 8px;margin:0}
.facts dt{color:#374151}.facts dd{margin:0;font-weight:600}
.badge{display:inline-block;background:#fef3c7;color:#92400e;border:1px solid #f59e0b;
 border-radius:10px;padding:0 8px;font-size:.75rem;margin-left:8px}
.caption{font-size:.8rem;color:#4b5563;margin:2px 0 16px}
.path{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0}
.path li{background:#fde68a;border:2px solid #b45309;border-radius:6px;padding:4px 10px;
 font-size:.85rem}
.path li+li::before{content:"\\2192  ";color:#b45309}
details pre{background:#fff;border:1px solid #d1d5db;padding:8px;overflow:auto}
.inferred{color:#92400e;font-size:.8rem}
""".strip()


def look_of(dialog_id: str) -> str:
    """Rule 2: the CSS class of a dialog id's look."""
    prefix, _dot, kind = dialog_id.partition(".")
    if kind == "external_protocol":
        return "protocol"
    return LOOKS.get((prefix, kind)) or LOOKS.get((prefix, None)) or "window"


def _buttons(dialog: Dialog, look: str) -> str:
    primary = _PRIMARY.get(look)
    out = []
    for button in dialog.buttons:
        classes = "btn primary" if button == primary else "btn"
        pressed = "true" if button == dialog.answer else "false"
        out.append(f'<span class="{classes}" role="button" aria-pressed="{pressed}" '
                   f'data-button="{html_text(button)}">{html_text(button_label(button))}</span>')
    return f'<div class="buttons">{"".join(out)}</div>'


def dialog_html(dialog: Dialog) -> str:
    """Rules 2-3: one dialog drawn in its look, its answer marked, in a browser scene."""
    look = look_of(dialog.id)
    inferred, source, link = dialog_note(dialog.id)
    title = html_text(dialog.title)
    text = "".join(f'<div class="line" data-line>{html_text(line)}</div>'
                   for line in dialog.text.splitlines())
    link_html = f'<span class="link">{html_text(link)}</span>' if link else ""
    buttons = _buttons(dialog, look)
    if look in ("ie-bar", "legacy-bar"):
        body = f'<div class="text">{text}</div>{buttons}'
    elif look in {"edge-downloads", "firefox-panel"}:
        body = (f'<div class="title">{title}</div><div class="file-row">'
                f'<div class="text">{text}</div>{buttons}</div>')
    elif look == "chrome-shelf":
        body = f'<div class="file-row"><div class="text">{text}</div>{buttons}</div>'
    elif look.startswith("win-dialog") or look in ("ie-window", "window"):
        banner = ""
        facts = ""
        if look == "win-dialog dfshim-warning":
            lead, *fields = dialog.text.splitlines()
            banner, text_html = f'<div class="banner" data-line>{html_text(lead)}</div>', ""
            facts = '<dl class="facts">' + "".join(
                f'<dt data-line>{html_text(k)}:</dt><dd>{html_text(v.strip())}</dd>'
                for k, _colon, v in (f.partition(":") for f in fields)) + "</dl>"
        else:
            text_html = f'<div class="text">{text}</div>'
        body = (f'<div class="titlebar">{title}</div>{banner}<div class="win-body">'
                f"{text_html}{facts}{buttons}</div>")
    else:  # edge flyouts and the external-protocol prompt
        body = f'<div class="title">{title}</div><div class="text">{text}</div>' \
               f"{link_html}{buttons}"
        link_html = ""
    if look in ("ie-bar", "legacy-bar", "chrome-shelf") and link_html:
        body += link_html
    where = _WHERE.get(look, "center")
    prefix = dialog.id.split(".", 1)[0]
    host = _HOSTS.get(prefix, prefix)
    badge = '<span class="badge">inferred wording</span>' if inferred else ""
    caption = f"<code>{html_text(dialog.id)}</code>, answered <b>" \
              f"{html_text(button_label(dialog.answer))}</b>{badge}"
    if source:
        caption += f"<br>Source: {cite_html(source)}"
    return (f'<figure class="dialog" data-dialog="{html_text(dialog.id)}">'
            f'<div class="scene"><div class="chrome-top"><span class="host">'
            f"{html_text(host)}</span></div>"
            f'<div class="dlg {look} at-{where}" role="dialog" aria-label="{title}">{body}'
            f'</div></div><figcaption class="caption">{caption}</figcaption></figure>')


def render_html(trace: Trace, story: Story | None = None) -> str:
    """Rules 1-5: the self-contained HTML page of ``trace``."""
    story = Story.of(trace, story)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html_text(story.title)}</title>", f"<style>{CSS}</style>", "</head>",
           "<body><main>", f"<h1>{html_text(story.title)}</h1>"]
    if story.description.strip():
        out.append(f'<p class="desc">{html_text(story.description.strip())}</p>')
    rows = [(k, v) for k, v in (("Scenario", story.name), ("Browser", story.browser),
                                ("Machine", story.machine)) if v]
    rows += summary_rows(trace)
    rows.append(("Expect", "passed" if trace.expect.passed
                 else "FAILED: " + "; ".join(trace.expect.mismatches)))
    out.append('<table class="summary">')
    for label, value in rows:
        cls = f' class="outcome-{html_text(value)}"' if label == "Outcome" else ""
        out.append(f"<tr><th>{html_text(label)}</th><td{cls}>{html_text(value)}</td></tr>")
    out.append("</table>")
    out.append("<h2>What the user sees</h2>")
    if not trace.dialogs:
        out.append("<p>No dialog is shown.</p>")
    out += [dialog_html(d) for d in trace.dialogs]
    graph = graph_for(trace, story.browser_name)
    labels = dict(graph.nodes)
    out.append(f"<h2>Path through the pipeline ({html_text(graph.family.title)})</h2>")
    out.append('<ol class="path">' + "".join(
        f'<li data-node="{n}">{html_text(labels[n])}</li>' for n in graph.path if n in labels)
        + "</ol>")
    out.append("<details><summary>Mermaid source of the whole pipeline</summary><pre>"
               f"{html_text(render_mermaid(trace, story))}</pre></details>")
    out.append("<h2>Decision trace</h2>")
    out.append("<table><tr><th>#</th><th>rule</th><th>what it found</th><th>source</th></tr>")
    for number, event in enumerate(trace.events, start=1):
        mark = ' <span class="inferred">(inferred)</span>' if event.inferred else ""
        out.append(f'<tr><td>{number}</td><td class="rule"><code>{html_text(event.rule)}'
                   f"</code></td><td>{html_text(event.detail)}</td>"
                   f"<td>{cite_html(event.source)}{mark}</td></tr>")
    out.append("</table>")
    if story.sources or story.tags:
        out.append("<h2>Sources</h2><ul>")
        out += [f"<li>{entry_html(s)}</li>" for s in story.sources]
        out.append("</ul>")
        if story.tags:
            out.append("<p>Tags: " + ", ".join(html_text(t) for t in story.tags) + "</p>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
