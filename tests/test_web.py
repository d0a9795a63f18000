"""The virtual web: resources, 404, redirects, requirements per client, bytes per client."""

from __future__ import annotations

import pytest

from sim.world.web import BROWSER, DOTNET, Client, Requirements, Resource, Web, WebError

APP = "https://example.test/app/App.application"


def web(*resources: Resource) -> Web:
    return Web(resources)


def test_declared_resource_is_served_and_counted() -> None:
    """A declared URL answers with its body; the client's bytes are counted."""
    w = web(Resource(url=APP, body=b"<assembly/>"))
    result = w.fetch(APP)
    assert result.ok and result.body == b"<assembly/>"
    assert w.bytes_by_client() == {"browser": 11}


def test_unknown_url_is_404() -> None:
    """An undeclared URL answers 404."""
    result = web().fetch(APP)
    assert result.status == 404 and not result.ok


def test_urls_compare_normalized() -> None:
    """Scheme and host case, the default port and the fragment do not matter."""
    w = web(Resource(url="https://Example.TEST:443/app/App.application#x", body=b"x"))
    assert w.fetch(APP).ok


def test_redirects_are_followed() -> None:
    """A 302 with a relative Location leads to the target."""
    moved = (("Location", "/app/App.application"),)
    w = web(Resource(url="https://example.test/go", status=302, headers=moved),
            Resource(url=APP, body=b"ok"))
    result = w.fetch("https://example.test/go")
    assert result.ok and result.url == APP and result.redirects == ("https://example.test/go",)


def test_redirect_loops_stop() -> None:
    """A redirect loop fails after 20 hops."""
    w = web(Resource(url="https://example.test/a", status=302, headers=(("Location", "/a"),)))
    assert w.fetch("https://example.test/a").error == "Too many redirects"


def test_cookie_requirement_refuses_handlers() -> None:
    """A server that needs the session cookie serves the browser, not dfshim."""
    w = web(Resource(url=APP, body=b"x", requires=Requirements(cookie=True)))
    assert w.fetch(APP, BROWSER).ok
    refused = w.fetch(APP, DOTNET)
    assert refused.status == 403 and "cookie" in (refused.error or "")


@pytest.mark.parametrize(("scheme", "ok"), [("ntlm", True), ("negotiate", True),
                                            ("basic", False), ("digest", False)])
def test_dotnet_answers_integrated_auth_only(scheme: str, ok: bool) -> None:
    """ClickOnce's client answers NTLM and Negotiate, not Basic or Digest."""
    w = web(Resource(url=APP, requires=Requirements(auth=scheme)))
    assert w.fetch(APP, DOTNET).ok is ok


def test_tls_minimum() -> None:
    """A client below the server's TLS minimum fails the handshake."""
    old = Client(name="old", cookies=False, auth=frozenset(), tls="1.0")
    w = web(Resource(url=APP, requires=Requirements(tls="1.2")))
    assert "TLS" in (w.fetch(APP, old).error or "") and w.fetch(APP, BROWSER).ok


def test_duplicate_urls_and_bad_requirements_are_errors() -> None:
    """A URL declared twice, or an unknown auth scheme, is invalid."""
    with pytest.raises(WebError, match="twice"):
        web(Resource(url=APP), Resource(url="https://EXAMPLE.test/app/App.application"))
    with pytest.raises(WebError, match="expected one of"):
        Requirements(auth="kerberos5")
