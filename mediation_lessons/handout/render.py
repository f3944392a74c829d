"""Convert a handout notebook to one self-contained, printable HTML page.

nbconvert's ``lab`` template, without input or output prompts, without its
scripts (require.js, MathJax, Mermaid: a handout needs none, and a ``$`` in an
article must not turn into maths) and with print CSS. The template is held in
memory, so an installed wheel needs no extra template files.
"""

from __future__ import annotations

from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbformat import NotebookNode

PRINT_CSS = """
body.jp-Notebook { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
.handout-image figure { margin: 0 0 1em; }
.handout-image img { max-width: 100%; height: auto; }
.handout-meta { color: #555; font-size: 0.9em; }
.handout-summary { border-left: 4px solid #4a7ab5; padding-left: 0.8em; }
.handout-question { margin: 0.8em 0 1.2em; }
.jp-RenderedHTMLCommon ul.handout-options,
.jp-RenderedHTMLCommon ul.handout-blanks,
.jp-RenderedHTMLCommon ol.handout-blanks { list-style: none; padding-left: 0.5em; }
.handout-options li::before { content: "\\2610\\00a0"; }
.handout-blanks li::before { content: "____\\00a0"; }
.handout-lines { border-bottom: 1px solid #999; height: 1.6em; }
.handout-correct { font-weight: bold; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body.jp-Notebook { max-width: none; padding: 0; font-size: 11pt; }
  h1, h2, h3 { break-after: avoid-page; }
  .handout-question, .handout-image, figure { break-inside: avoid-page; }
  .handout-answers { break-before: page; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
"""

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">""" + PRINT_CSS + """</style>{% endblock extra_css %}
"""


def _exporter() -> HTMLExporter:
    """nbconvert's HTML exporter set up for handouts."""
    return HTMLExporter(
        template_name="lab",
        template_file="handout.html.j2",
        extra_loaders=[DictLoader({"handout.html.j2": _TEMPLATE})],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )


def render_html(notebook: NotebookNode) -> str:
    """The handout notebook as one HTML page without scripts."""
    body, _resources = _exporter().from_notebook_node(notebook)
    return str(body)
