"""Headless Chromium for the tests: run a page's script, read back the JSON it leaves.

Chromium comes from Debian and Mermaid from npm (`make chromium mermaid`, run by
`make test`). Where either is missing the browser tests skip and say how to install
it, unless ``INVOKESIM_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then they fail.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((b for b in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                        "google-chrome")) if b), None)
MERMAID_JS = ROOT / ".cache" / "mermaid" / "package" / "dist" / "mermaid.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-dev-shm-usage"]
_OUT = re.compile(r'<pre id="invokesim-out">(.*?)</pre>', re.S)


def need(what: str, present: bool, how: str) -> None:
    """Skip (or fail under INVOKESIM_REQUIRE_BROWSER=1) when ``what`` is missing."""
    if present:
        return
    message = f"no {what}: {how}"
    if os.environ.get("INVOKESIM_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def need_chromium() -> str:
    """The Chromium binary, or skip/fail saying how to install it."""
    need("chromium binary", CHROMIUM is not None,
         "`make chromium` installs it from Debian (apt-get install chromium)")
    assert CHROMIUM is not None
    return CHROMIUM


def need_mermaid() -> Path:
    """Mermaid's browser bundle from npm, or skip/fail saying how to install it."""
    need("mermaid.min.js", MERMAID_JS.is_file(),
         "`make mermaid` installs it from npm into .cache/mermaid")
    return MERMAID_JS


def run_page(page: Path, profile: Path, *, budget_ms: int = 60_000) -> Any:
    """Load ``page`` in headless Chromium; return the JSON its script wrote to #invokesim-out.

    The page's script writes ``JSON.stringify(result)`` into ``<pre id="invokesim-out">``;
    ``--virtual-time-budget`` lets asynchronous work (Mermaid's render) finish first.
    """
    chromium = need_chromium()
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
         "--dump-dom", page.as_uri()],
        check=True, capture_output=True, text=True, timeout=300)
    found = _OUT.search(done.stdout)
    assert found, f"the page wrote no result; Chromium said: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def screenshot(page: Path, shot: Path, profile: Path, *, size: str = "1000,1400") -> bytes:
    """A PNG of ``page`` as Chromium draws it."""
    chromium = need_chromium()
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                    f"--window-size={size}", "--virtual-time-budget=20000", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return shot.read_bytes()
