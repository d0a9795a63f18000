"""The HTML report in a real browser: headless Chromium draws it and shows the dialog texts.

Chromium comes from Debian (`make chromium`, run by `make test`); where no binary
exists the test is skipped and says so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sim.engine import simulate
from sim.render import Story, render_html
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "edge" / "smartscreen-unsafe-two-popups.toml"
CHROMIUM = next((b for b in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                        "google-chrome")) if b), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-dev-shm-usage"]


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary: `make chromium` installs it "
                    "from Debian when run as root (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Chromium screenshots the report (a non-trivial PNG) and its DOM holds the dialog texts."""
    assert CHROMIUM is not None
    scenario = load_scenario(SCENARIO)
    trace = simulate(scenario)
    page = tmp_path / "report.html"
    page.write_text(render_html(trace, Story.from_scenario(scenario)), encoding="utf-8")
    shot = tmp_path / "report.png"
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    subprocess.run([CHROMIUM, *FLAGS, *profile, f"--screenshot={shot}",
                    "--window-size=1000,1200", page.as_uri()],
                   check=True, capture_output=True, timeout=60)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    dom = subprocess.run([CHROMIUM, *FLAGS, *profile, "--dump-dom", page.as_uri()],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    for dialog in trace.dialogs:
        assert dialog.title in dom
        for line in dialog.text.splitlines():  # each line of the text, fields as label, value
            assert all(part in dom for part in line.split(": ")), line
    assert "Report file as unsafe" in dom and "Report file as safe" in dom
    assert dom.count('aria-pressed="true"') == len(trace.dialogs)
