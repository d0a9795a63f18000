"""AutoOpenAllowedForURLs filters match URLs as Edge's URL list filter format says."""

from __future__ import annotations

import pytest

from sim.models.browsers.url_filter import matches_any, parse_filter

# (filter, url, matches) from the format's documentation and its policy examples.
CASES = [
    ("example.com", "https://example.com/a.application", True),
    ("example.com", "https://apps.example.com/a.application", True),  # subdomains match
    ("example.com", "https://notexample.com/", False),
    (".exact.hostname.com", "https://exact.hostname.com/x", True),
    (".exact.hostname.com", "https://sub.exact.hostname.com/x", False),  # leading dot: exact
    ("https://ssl.server.com", "https://ssl.server.com/x", True),
    ("https://ssl.server.com", "http://ssl.server.com/x", False),  # scheme must match
    ("hosting.com/good_path", "https://hosting.com/good_path/app.application", True),
    ("hosting.com/good_path", "https://hosting.com/good_pathway", True),  # prefix, not segment
    ("hosting.com/good_path", "https://hosting.com/bad_path", False),
    ("https://server:8080/path", "https://server:8080/path/x", True),
    ("https://server:8080/path", "https://server/path/x", False),  # port 443 != 8080
    ("example.com:443", "https://example.com/x", True),  # default port of the scheme
    ("*", "https://anything.test/x", True),
    ("example.com/", "https://example.com/x", True),  # trailing slash ignored
    ("example.com.", "https://example.com/x", True),  # trailing dot ignored
    ("EXAMPLE.com", "https://example.COM/x", True),  # hosts compare case-insensitively
    ("user:pass@example.com", "https://example.com/x", True),  # credentials ignored
    ("example.com#frag", "https://example.com/x", True),  # fragment ignored
    ("example.com/p@a=1", "https://example.com/p?a=1&b=2", True),  # query token present
    ("example.com/p@a=1", "https://example.com/p?a=2", False),
    ("example.com/p@a=1*", "https://example.com/p?a=12", True),  # '*' ends a prefix token
    ("example.com/p@b&a=1", "https://example.com/p?a=1&b", True),  # token order ignored
    ("example.com:99999", "https://example.com/x", False),  # not a filter: matches nothing
    ("", "https://example.com/x", False),
]


@pytest.mark.parametrize(("text", "url", "expected"), CASES)
def test_filter_matches_as_documented(text: str, url: str, expected: bool) -> None:
    """Each documented filter form matches exactly the URLs the format says."""
    assert (matches_any([text], url) is not None) is expected


def test_first_matching_filter_is_named() -> None:
    """The list answer names the filter that matched, for the trace."""
    assert matches_any(["other.test", "example.com"], "https://a.example.com/") == "example.com"
    assert matches_any([], "https://a.example.com/") is None


def test_parsed_fields() -> None:
    """A full filter parses into scheme, exact host, port, path and query tokens."""
    rule = parse_filter("https://.Server.test:8080/path@a=1&b")
    assert rule is not None
    assert (rule.scheme, rule.host) == ("https", "server.test")
    assert (rule.exact_host, rule.port) == (True, 8080)
    assert (rule.path, rule.query) == ("/path", ("a=1", "b"))
