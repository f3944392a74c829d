"""Small helpers that turn text and trusted data into safe HTML for widgets.

Article and quiz text is untrusted. Plain text is escaped; HTML that arrives
from the content layer is sanitized again with nh3 before it reaches an
``HTML`` widget, so one missed repair upstream cannot run script in the app.
"""

from __future__ import annotations

import html
import re

import nh3

from ..quiz.text import render_inline

LABEL = {"description_width": "initial"}
"""Widget style that shows a control's whole label instead of cutting it short."""

_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$")


def text(value: object) -> str:
    """``value`` as escaped HTML text."""
    return html.escape(str(value), quote=True)


def clean(fragment: str) -> str:
    """``fragment`` sanitized with nh3: no script, event handlers or ``javascript:`` URLs."""
    return nh3.clean(fragment, link_rel="noopener noreferrer")


def inline(markdown: str) -> str:
    """Short authored markdown (feedback, a model answer) as sanitized inline HTML."""
    return clean(render_inline(markdown))


def image(uri: str | None, alt: str, css_class: str = "ml-image") -> str:
    """An ``<img>`` tag for a safe ``data:image`` URI, or ``""`` when it is not one."""
    if not uri or not _DATA_IMAGE.match(uri):
        return ""
    return f'<img class="{text(css_class)}" src="{uri}" alt="{text(alt)}">'


def percent(fraction: float) -> int:
    """``fraction`` in [0, 1] as a whole percentage, clamped."""
    return round(max(0.0, min(1.0, fraction)) * 100)
