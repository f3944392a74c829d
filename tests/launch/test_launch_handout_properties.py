"""Any article the loader accepts becomes a handout: no crash, no script, every step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediation_lessons as ml
from mediation_lessons.errors import LessonError
from mediation_lessons.handout import build_notebook, render_html

FRAGMENTS = st.sampled_from([
    "plain words", "*emph*", "`code`", "$5 and $10", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "\n\n```\na\n\n\nb\n```\n\n",
    "<pre>\n\n</pre>", "| a | b |\n|---|---|\n| 1 | 2 |", "> quote", "- item", "\u00e2\u20ac\u2122",
    "\u202e", "<div>", "</div>", "{{ nb }}", "{% raw %}", "\\", "\n", "    indented",
])
BODY = st.lists(FRAGMENTS | st.text(max_size=20), max_size=12).map(" ".join)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=40), steps=st.lists(
    st.tuples(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]),
                      min_size=1, max_size=30), BODY), min_size=1, max_size=4))
def test_any_loaded_article_renders_safely(tmp_path_factory: pytest.TempPathFactory,
                                           title: str,
                                           steps: list[tuple[str, str]]) -> None:
    folder: Path = tmp_path_factory.mktemp("article")
    body = "".join(f"\n## {heading}\n\n{text}\n" for heading, text in steps)
    article = folder / "article.md"
    article.write_text(f"---\ntitle: {title!r}\n---\nIntro.\n{body}", encoding="utf-8")
    try:
        lesson = ml.load_lesson(article)
    except LessonError as error:
        assert "article.md" in str(error)
    else:
        page = render_html(build_notebook(lesson, ()))
        assert "<script" not in page.lower()
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page, re.IGNORECASE)
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)
        assert page.count('class="handout-step"') == len(lesson.steps)
