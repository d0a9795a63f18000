"""Laws of the renderers' escaping."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from sim.render.escape import html_text


@given(st.text())
def test_html_text_escapes_as_the_standard_library_does(text: str) -> None:
    """html_text is html.escape(quote=True), character for character."""
    assert html_text(text) == html.escape(text, quote=True)
