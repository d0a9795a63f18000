"""Download names: Chromium's own test vectors, and the per-browser rules around them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from sim.models.browsers.download_name import download_name, firefox_sanitize
from sim.models.browsers.names_chromium import (
    MimeExtensions,
    extension,
    generate_file_name,
    generate_safe_file_name,
    is_reserved_name,
    replace_extension,
)
from sim.world.headers import parse_content_disposition

VECTORS = tomllib.loads(
    (Path(__file__).parent / "data" / "download_names" / "chromium_generate_filename.toml")
    .read_text(encoding="utf-8")
)


def _generate_cases() -> list[Any]:
    cases = []
    for group in ("selection", "generation"):
        charsets = (None, "GBK") if group == "generation" else (None,)
        for index, case in enumerate(VECTORS[group]):
            for charset in charsets:
                marks = [pytest.mark.skip(reason=case["skip"])] if "skip" in case else []
                label = f"{group}-{index}" + ("-gbk" if charset else "")
                cases.append(pytest.param(case, charset, id=label, marks=marks))
    return cases


def _run(case: dict[str, Any], charset: str | None) -> str:
    disposition = parse_content_disposition(case.get("content_disposition") or None)
    return generate_file_name(
        case.get("url", ""), disposition.filename, suggested=case.get("suggested", ""),
        mime=case.get("mime", ""), default=case.get("default", ""),
        referrer_charset=charset if charset is not None else case.get("referrer_charset", ""),
    ).name


@pytest.mark.parametrize(("case", "charset"), _generate_cases())
def test_generate_file_name_vector(case: dict[str, Any], charset: str | None) -> None:
    """Chromium's GenerateFileName case gives the name its test expects on Windows."""
    assert _run(case, charset) == case["expected"], case.get("note")


@pytest.mark.parametrize("case", VECTORS["safe"], ids=lambda c: c["filename"])
def test_generate_safe_file_name_vector(case: dict[str, Any]) -> None:
    """Chromium's GenerateSafeFileName case gives the name its test expects on Windows."""
    assert generate_safe_file_name(case["mime"], False, case["filename"]) == case["expected"]


def test_vector_counts_and_agreement() -> None:
    """All 158 runnable vector runs agree; only the 3 non-UTF-8 header cases are skipped."""
    runs = [(c, cs) for p in _generate_cases() for c, cs in [p.values]]
    runnable = [(c, cs) for c, cs in runs if "skip" not in c]
    agree = sum(_run(c, cs) == c["expected"] for c, cs in runnable)
    safe = sum(generate_safe_file_name(c["mime"], False, c["filename"]) == c["expected"]
               for c in VECTORS["safe"])
    assert (len(VECTORS["selection"]), len(VECTORS["generation"]), len(VECTORS["safe"])) == (
        43, 51, 16)
    assert len(runs) - len(runnable) == 3
    assert (agree, safe) == (len(runnable), 16)


def test_registry_mime_database_comes_first() -> None:
    """The Windows MIME database's extension wins over Chromium's tables (mime_util.cc)."""
    table = MimeExtensions(platform=lambda m: "fzl" if m == "application/x-fuzzle" else None)
    assert generate_file_name("https://h.test/get?id=1", "", mime="application/x-fuzzle",
                              default="download", table=table).name == "get.fzl"
    assert generate_file_name("https://h.test/get?id=1", "", mime="image/png",
                              default="download").name == "get.png"


def test_rules_that_changed_the_name_are_reported() -> None:
    """Each rename names the rule that made it, in order."""
    got = generate_file_name("https://h.test/x", "COM1.lnk", default="download")
    assert got.name == "_COM1.download"
    assert got.fired == ("chromium.shell_extension", "chromium.reserved_name")
    assert generate_file_name("https://h.test/", "", default="download").source == "default"


@pytest.mark.parametrize(("name", "ext", "replaced"), [
    ("a.tar.gz", "tar.gz", "a.x"), ("a.b.c", "c", "a.b.x"), ("a.user.js", "user.js", "a.x"),
    ("abcdef.gz", "gz", "abcdef.x"), ("a.toolong.gz", "gz", "a.toolong.x"), (".foo", "foo", ".x"),
])
def test_file_path_extensions(name: str, ext: str, replaced: str) -> None:
    """FilePath's double extensions: gz/z/bz2/bz after at most 4 characters, and user.js."""
    assert extension(name) == ext
    assert replace_extension(name, "x") == replaced


@pytest.mark.parametrize(("name", "reserved"), [
    ("con", True), ("CON.txt", True), ("clock$", True), ("Desktop.ini", True),
    ("mycom1.foo", False), ("com10", False), ("console", False), ("thumbs.db.txt", False),
])
def test_reserved_names(name: str, reserved: bool) -> None:
    """IsReservedNameOnWindows: a device name alone or before a dot, and two shell names."""
    assert is_reserved_name(name) is reserved


FIREFOX = tomllib.loads(
    (Path(__file__).parent / "data" / "download_names" / "firefox_sanitize.toml")
    .read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", FIREFOX["case"], ids=lambda c: repr(c["name"])[:30])
def test_firefox_sanitize_vector(case: dict[str, str]) -> None:
    """Firefox's own DownloadPaths.sanitize case gives the name its test expects on Windows."""
    assert firefox_sanitize(case["name"]) == case["expected"]


@pytest.mark.parametrize(("browser", "disposition", "suggested", "url", "expected"), [
    ("firefox", "report: Q3.txt", "", "https://h.test/x", ("report Q3.txt", "Content-Disposition")),
    ("firefox", "", "", "https://h.test/..", ("download", "default")),
    ("firefox", "CON.txt", "", "https://h.test/x", ("_CON.txt", "Content-Disposition")),
    ("firefox", "", "Named.pdf", "https://h.test/x", ("Named.pdf", "download attribute")),
    ("ie", "", "Named.pdf", "https://h.test/get.pdf", ("get.pdf", "URL path")),
    ("ie", "a/b: c.txt.", "", "https://h.test/x", ("a_b_ c.txt", "Content-Disposition")),
    ("ie", "..", "", "https://h.test/x", ("download", "default")),
    ("edge-legacy", "", "Named.pdf", "https://h.test/get.pdf",
     ("Named.pdf", "download attribute")),
    ("chrome", "", "", "https://h.test/", ("download", "default")),
    ("edge", "", "x.lnk", "https://h.test/y", ("x.download", "download attribute")),
])
def test_download_name_per_browser(browser: str, disposition: str, suggested: str, url: str,
                                   expected: tuple[str, str]) -> None:
    """Each browser names the download by its own rules (IE ignores <a download>)."""
    got = download_name(browser, url=url, disposition_name=disposition, suggested=suggested,
                        mime="", registry=None)
    assert (got.name, got.source) == expected
