"""Sphinx configuration: MyST Markdown pages, Mermaid flowcharts, the generated gallery.

`make docs` runs `python -m sim.app.docgen` (docs/generated/) and then
`sphinx-build -W` into docs/_build/html. The HTML reports of the gallery are
copied as they are (html_extra_path) and shown in each gallery page.
"""

project = "invokesim"
author = "invokesim contributors"
copyright = "invokesim contributors"  # noqa: A001 - Sphinx's own setting name
extensions = ["myst_parser", "sphinxcontrib.mermaid"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "generated/extra", "tutorial/*.toml"]
html_extra_path = ["generated/extra"]
html_theme = "alabaster"
html_theme_options = {"page_width": "1180px", "sidebar_width": "230px"}
myst_enable_extensions = ["colon_fence"]
myst_fence_as_directive = ["mermaid"]
myst_heading_anchors = 3
# Mermaid is served by the site itself (no CDN): `make docs` copies the npm package's
# ESM build (make mermaid) into _static/mermaid/.
html_static_path = ["_static"]
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
mermaid_d3_zoom = False
mermaid_include_elk = False
smartquotes = False  # command lines keep their straight quotes
