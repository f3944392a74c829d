"""Hypothesis: any bytes, any text, any frontmatter-shaped text gives a Lesson or our error."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.errors import LessonError
from mediation_lessons.loader import lesson_from_bytes
from mediation_lessons.model import Lesson

PATH = Path(__file__).parent / "data" / "generated.md"
BOUNDED = settings(max_examples=150, deadline=timedelta(seconds=2),
                   suppress_health_check=[HealthCheck.too_slow])

FENCES = st.sampled_from(["---", "+++", "{", "}", "----", "--- ", "```", "~~~"])
PIECES = st.one_of(
    FENCES,
    st.sampled_from([
        "title: x", "title: no", "title: 3.10", "title: [a, b]", "title: {a: 1}", "a: &x 1",
        "b: *x", "summary: >-", "  folded", "createdAt: 2022-13-45", "order: '2'",
        "imageSrc: ../../etc/passwd", "imageSrcBase64: data:UklGRg==;base64,", "- item",
        "## Step", "### Sub", "# Heading", "title = \"t\"", "\"title\": \"t\",", "Text.",
        "<script>alert(1)</script>", "[x](javascript:alert(1))", "thereâ€™s", "?: x",
        "key: \"unclosed", "\t", "  - nested", "!!python/object:os.system x", "%YAML 1.1",
        "title: !!binary aGVsbG8=", "intro: |", "| a | b |", "|---|---|",
    ]),
    st.text(max_size=30),
)


def _outcome(data: bytes) -> Lesson | LessonError:
    try:
        lesson = lesson_from_bytes(data, PATH)
    except LessonError as error:
        assert "unexpected problem" not in error.message, error.message
        assert error.path == str(PATH)
        return error
    assert lesson.title and lesson.steps
    assert len({step.slug for step in lesson.steps}) == len(lesson.steps)
    for html in (lesson.summary_html, lesson.intro_html, *(s.html for s in lesson.steps)):
        assert "<script" not in html.lower() and "javascript:" not in html.lower().replace(
            "(javascript:", "")
    return lesson


@BOUNDED
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    _outcome(data)


@BOUNDED
@given(st.text(max_size=2000))
def test_any_text(text: str) -> None:
    _outcome(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.lists(PIECES, max_size=25), st.sampled_from(["\n", "\r\n", "\r"]))
def test_frontmatter_shaped_text(lines: list[str], newline: str) -> None:
    _outcome(newline.join(lines).encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.lists(PIECES, max_size=12), st.lists(PIECES, max_size=12))
def test_frontmatter_block_then_body(front: list[str], body: list[str]) -> None:
    text = "---\n" + "\n".join(front) + "\n---\n" + "\n".join(body)
    _outcome(text.encode("utf-8", "surrogatepass"))


PROSE = st.text(alphabet=st.sampled_from(list("ab yz.,;:'\"()?-–’é日\n0123456789+=>\u00a0\u3000")),
                max_size=300)


@BOUNDED
@given(PROSE)
def test_prose_fast_path_matches_markdown_it(text: str) -> None:
    from mediation_lessons.content.markdown import parser, prose_html, render, sanitize

    fast = prose_html(text)
    if fast is not None and text.strip():
        assert fast == parser().render(text)
    expected = sanitize(parser().render(text)) if text.strip() else ""
    assert render(text) == expected
