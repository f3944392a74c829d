"""Golden files: every ``data/<case>.md`` loads as its ``<case>.expected.json`` says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mediation_lessons.errors import LessonError
from mediation_lessons.loader import load_lesson

DATA = Path(__file__).parent / "data"
CASES = sorted(DATA.glob("*.md"))
UNSAFE = re.compile(
    r"<script|<iframe|<style|<\w[^>]*\son\w+\s*=|=\s*[\"']?\s*(?:javascript|vbscript|data:text)",
    re.IGNORECASE)


def _expected(case: Path) -> dict[str, Any]:
    return json.loads(case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8"))


def test_every_case_has_expectations() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.with_name(case.stem + ".expected.json").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden(case: Path) -> None:
    expected = _expected(case)
    if "error" in expected:
        with pytest.raises(LessonError) as caught:
            load_lesson(case)
        assert type(caught.value).__name__ == expected["error"]
        assert caught.value.message == expected["message"]
        assert caught.value.line == expected["line"]
        assert caught.value.path == str(case)
        return
    lesson = load_lesson(case)
    assert lesson.title == expected["title"]
    assert lesson.slug == expected["slug"]
    assert [step.title for step in lesson.steps] == expected["steps"]
    assert [step.slug for step in lesson.steps] == expected["step_slugs"]
    assert [step.line for step in lesson.steps] == expected["step_lines"]
    if expected["image"] is None:
        assert lesson.image is None
    else:
        assert lesson.image is not None and lesson.image.startswith(expected["image"])
    assert [[w.line, w.message] for w in lesson.warnings] == expected["warnings"]
    assert all(w.path == str(case) and w.severity == "warning" for w in lesson.warnings)
    assert lesson.category == expected.get("category")
    assert lesson.order == expected.get("order")
    assert sorted(lesson.extra) == expected.get("extra_keys", [])
    for key in ("summary", "created", "updated"):
        if key in expected:
            value = getattr(lesson, key)
            assert (value.isoformat() if hasattr(value, "isoformat") else value) == expected[key]
    for text in expected.get("intro_contains", []):
        assert text in lesson.intro_markdown
    for text in expected.get("intro_excludes", []):
        assert text not in lesson.intro_markdown
    for index, text in expected.get("text_contains", []):
        assert text in lesson.steps[index].text
    for text in expected.get("text_excludes", []):
        assert all(text not in step.text for step in lesson.steps)
    for index, text in expected.get("html_contains", []):
        assert text in lesson.steps[index].html
    for html in (lesson.summary_html, lesson.intro_html, *(s.html for s in lesson.steps)):
        assert not UNSAFE.search(html), html
        for text in expected.get("html_excludes", []):
            assert text not in html
    assert "â€" not in lesson.intro_markdown + "".join(s.text for s in lesson.steps)
