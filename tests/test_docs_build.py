"""The docs site builds with warnings as errors, nothing suppressed, Mermaid served by itself.

Sphinx and its extensions come with the ``docs`` extra (`make test` installs it); without
them the build test skips and says so.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_the_docs_configuration_suppresses_no_warning() -> None:
    """docs/conf.py hides no warning class and loads Mermaid from the site, not a CDN."""
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert "suppress_warnings" not in conf
    assert 'mermaid_use_local = "mermaid/mermaid.esm.min.mjs"' in conf


@pytest.mark.skipif(importlib.util.find_spec("sphinx") is None
                    or importlib.util.find_spec("sphinxcontrib.mermaid") is None,
                    reason="the docs extra is not installed (pip install -e '.[docs]')")
def test_docs_build_with_warnings_as_errors(tmp_path: Path) -> None:
    """sphinx-build -W succeeds; no page loads a script from another site."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(DOCS), str(tmp_path / "html"), "-d", str(tmp_path / "doctrees")],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    pages = sorted((tmp_path / "html").rglob("*.html"))
    assert len(pages) > 60
    remote = re.compile(r"""<script[^>]+src="(https?:)?//|import [^;]* from "(https?:)?//""")
    assert not [p.name for p in pages if remote.search(p.read_text(encoding="utf-8"))]
    gallery = tmp_path / "html" / "generated" / "gallery"
    page = next(gallery.glob("edge--clickonce-on-by-default-87.html")).read_text(encoding="utf-8")
    assert 'from "../../_static/mermaid/mermaid.esm.min.mjs"' in page
    assert 'href="../../reports/edge--clickonce-on-by-default-87.html"' in page
