"""The product cites only what its readers can open: no private notes, no file names of them.

Every text file of the product (``sim/``, ``scenarios/``, ``docs/`` with the generated
pages, ``tests/``, README, benchmarks, the build files) is searched for references a
user of the package cannot follow: a private folder, a source document by its local file
name, a facts file, the design contract, or a work item number ("issue N" of this
project; an issue of a public repository, named with its repository, is a public source).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FORBIDDEN = re.compile(
    r"\.\./shared|/work/|[0-9]{3}_[0-9a-f]{16}\.txt|(?:browser|windows)-facts|"
    r"\bcontract\b|\bseeds? 00[0-9]|(?<![\w/.-] )(?<![\w/.-])\b[Ii]ssues? [0-9]+")
_SUFFIXES = {".py", ".md", ".toml", ".txt", ".html", ".json", ".reg", ".cfg", ".ini"}


def _product_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml", ROOT / ".ci" / "run"]
    for folder in ("sim", "scenarios", "docs", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*")):
            parts = set(path.relative_to(ROOT).parts)
            if path.is_file() and path.suffix in _SUFFIXES and not parts & {
                    "_build", "_static", "__pycache__", "out"} and not path.name.startswith(
                    ("LICENSE", "COPYING")):  # third-party licence texts, verbatim
                files.append(path)
    return files


def _public_issue(line: str, start: int) -> bool:
    """'owner/repo issue 12', 'repo#12' style: a public repository's issue is a source."""
    before = line[:start].rstrip().split(" ")[-1] if line[:start].strip() else ""
    return "/" in before or before.endswith(("-tools", "Explorer", "ConfuserEx"))


def test_no_product_file_points_at_private_material() -> None:
    """No line of the product names private notes, local source files or work items."""
    found = []
    for path in _product_files():
        if path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _FORBIDDEN.finditer(line):
                if match.group(0).lower().startswith("issue") and _public_issue(
                        line, match.start()):
                    continue
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r}")
    assert not found, "\n".join(found[:60])


def test_the_search_finds_what_it_looks_for() -> None:
    """The pattern catches each kind of private reference, and lets a public issue pass."""
    for bad in ("see ../shared/facts/x.md", "seed 002_b813b8d41925a418.txt",
                "browser-facts 4.3", "contract section 1", "(issue 4)"):
        assert _FORBIDDEN.search(bad), bad
    line = "MicrosoftDocs/Edge-Enterprise issue 418"
    match = _FORBIDDEN.search(line)
    assert match is None or _public_issue(line, match.start())
