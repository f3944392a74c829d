"""Printable handouts: content, answer key only on request, sanitizing and safe paths."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import pytest

import mediation_lessons as ml
from mediation_lessons.errors import LessonError
from mediation_lessons.handout import (
    ExportError,
    build_notebook,
    export_course,
    export_lesson,
    handout_questions,
    render_html,
)
from mediation_lessons.model import Lesson

HERE = Path(__file__).parent
DATA = HERE / "data"
SHIPPED_ARTICLE = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"
KEY_ONLY = (
    "KEYONLY-", "Answer key", 'class="handout-correct"', "— correct", "From the text:", "impartial",
)
"""Texts of the answer key that are no option: explanations, model answer, flags, heading."""


def plain(page: str) -> str:
    """The visible text of an HTML page, whitespace collapsed."""
    body = page[page.find("<main>"):]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture
def quizzed(tmp_path: Path) -> Lesson:
    """The shipped article with a quiz holding every kind and hostile markup."""
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(SHIPPED_ARTICLE, folder / "handout.md")
    shutil.copy(DATA / "handout.quiz.yaml", folder / "handout.quiz.yaml")
    return ml.load_lesson(folder / "handout.md")


@pytest.fixture
def shipped() -> Lesson:
    return ml.load_lesson(SHIPPED_ARTICLE)


def test_handout_has_title_summary_and_every_step_in_order(shipped: Lesson) -> None:
    page = render_html(build_notebook(shipped, handout_questions(shipped)))
    text = plain(page)
    assert len(shipped.steps) == 6
    assert text.count(shipped.title) >= 1
    positions = [text.find(f"{n}. {step.title}") for n, step in
                 enumerate(shipped.steps, start=1)]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
    assert "In short" in text
    # The repaired article: no mojibake, the conclusion once.
    assert "â€™" not in text
    assert text.count(f"{len(shipped.steps)}. Conclusion") == 1


def test_handout_without_answers_holds_no_key(quizzed: Lesson) -> None:
    questions = handout_questions(quizzed)
    assert {q.kind for q in questions} == {
        "single", "multiple", "truefalse", "ordering", "matching", "fill", "reflection"}
    page = render_html(build_notebook(quizzed, questions))
    for needle in KEY_ONLY:
        assert needle not in page, needle
    text = plain(page)
    # Every question and every option is there for the learner.
    for number in range(1, len(questions) + 1):
        assert f"Question {number}." in text
    for option in ("Active listening", "Asking questions", "Issuing a ruling",
                   "A binding court order", "Hold the session"):
        assert option in text
    # Printed items are not in the answer order.
    order = ["Prepare with each party", "Hold the session", "Identify the issues",
             "Reach an agreement"]
    assert sorted(order, key=text.find) != order


def test_handout_with_answers_appends_the_key(quizzed: Lesson) -> None:
    page = render_html(build_notebook(quizzed, handout_questions(quizzed), with_answers=True))
    for needle in KEY_ONLY:
        assert needle in page, needle
    text = plain(page)
    key = text[text.index("Answer key"):]
    assert "KEYONLY-MODEL" in key
    assert "Strategy → A plan to resolve the conflict" in key
    ordered = ["Prepare with each party", "Hold the session", "Identify the issues",
               "Reach an agreement"]
    assert sorted(ordered, key=key.find) == ordered
    assert "In a neutral location such as a mediation center — correct" in key
    assert "In a courtroom" in key and "In a courtroom — correct" not in key
    # The key comes after the last step.
    assert text.index("Answer key") > text.index(f"{len(quizzed.steps)}. Conclusion")


def test_handout_is_sanitized_and_runs_no_script(quizzed: Lesson) -> None:
    page = render_html(build_notebook(quizzed, handout_questions(quizzed), with_answers=True))
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", page, re.IGNORECASE)
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)
    # The hostile text is shown as text, not run.
    assert "alert('prompt')" in plain(page)


def test_hostile_lesson_fields_stay_inert(shipped: Lesson) -> None:
    hostile = dataclasses.replace(
        shipped,
        title='<img src=x onerror="alert(1)">Title',
        category="<script>alert(2)</script>",
        image="javascript:alert(3)",
    )
    page = render_html(build_notebook(hostile, ()))
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "javascript:" not in page
    assert "&lt;img src=x onerror=" in page


def test_export_names_files_from_slugs_and_keeps_the_versions_apart(
        quizzed: Lesson, tmp_path: Path) -> None:
    out = tmp_path / "out"
    learner = export_lesson(quizzed, out)
    instructor = export_lesson(quizzed, out, with_answers=True)
    notebook = export_lesson(quizzed, out, to="ipynb")
    assert learner == (out / f"{quizzed.slug}.html").resolve()
    assert instructor == (out / f"{quizzed.slug}-with-answers.html").resolve()
    assert notebook.suffix == ".ipynb"
    assert "Answer key" not in learner.read_text(encoding="utf-8")
    assert "Answer key" in instructor.read_text(encoding="utf-8")
    assert sorted(path.name for path in out.iterdir()) == sorted(
        [learner.name, instructor.name, notebook.name])


@pytest.mark.parametrize("slug", ["../escape", "a/b", "/etc/passwd", "..", ".hidden", ""])
def test_export_refuses_slugs_that_are_not_file_names(
        shipped: Lesson, tmp_path: Path, slug: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="slug"):
        export_lesson(dataclasses.replace(shipped, slug=slug), out)
    assert not list(tmp_path.rglob("*.html"))


def test_export_refuses_a_link_pointing_outside(shipped: Lesson, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / f"{shipped.slug}.html").symlink_to(victim)
    with pytest.raises(ExportError, match="outside the output folder"):
        export_lesson(shipped, out)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_export_refuses_an_output_path_that_is_a_file(shipped: Lesson, tmp_path: Path) -> None:
    out = tmp_path / "file"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="folder"):
        export_lesson(shipped, out)


def test_course_with_clashing_slugs_writes_nothing(shipped: Lesson, tmp_path: Path) -> None:
    twin = dataclasses.replace(shipped, path=shipped.path.with_name("twin.md"))
    course = ml.Course(path=ml.SHIPPED_COURSE, title="Twins", lessons=(shipped, twin))
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="overwrite each other"):
        export_course(course, out)
    assert not list(out.iterdir())


def test_course_export_shows_a_progress_bar(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    course = ml.load_course(ml.SHIPPED_COURSE)
    result = export_course(course, tmp_path / "out")
    assert not result.errors
    assert [path.name for path in result.written] == [
        f"{lesson.slug}.html" for lesson in course.lessons]
    err = capsys.readouterr().err
    assert "Exporting handouts" in err
    assert f"{len(course.lessons)}/{len(course.lessons)}" in err


def test_bad_quiz_is_the_packages_error(shipped: Lesson, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(SHIPPED_ARTICLE, folder / "broken.md")
    (folder / "broken.quiz.yaml").write_text("questions: [\n  - {type: single\n",
                                             encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        export_lesson(ml.load_lesson(folder / "broken.md"), tmp_path / "out")
    assert "broken.quiz.yaml" in str(caught.value)
    assert not (tmp_path / "out" / "broken.html").exists()


def test_course_export_skips_a_lesson_with_a_broken_quiz(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(SHIPPED_ARTICLE, folder / "a-good.md")
    shutil.copy(SHIPPED_ARTICLE, folder / "b-broken.md")
    (folder / "b-broken.quiz.yaml").write_text("questions: 3\n", encoding="utf-8")
    course = ml.load_course(folder)
    result = export_course(course, tmp_path / "out")
    assert [path.name for path in result.written] == [f"{course.lessons[0].slug}.html"]
    assert len(result.errors) == 1 and "b-broken.quiz.yaml" in str(result.errors[0])


def test_markup_survives_the_notebook_round_trip(tmp_path: Path) -> None:
    article = tmp_path / "markup.md"
    article.write_text(
        "---\ntitle: Fees & $ signs\nsummary: It costs $5 and $10.\n---\n\n"
        "Intro with *emphasis* and <b>raw</b> html.\n\n"
        "## Paying\n\nA fee of $5 and $10 per side.\n\n"
        "```\nline one\n\n\n    indented line\n```\n\n"
        "| Who | Pays |\n|---|---|\n| A | $5 |\n\n"
        "### A sub-heading\n\n1. first\n2. second\n",
        encoding="utf-8",
    )
    lesson = ml.load_lesson(article)
    page = render_html(build_notebook(lesson, ()))
    text = plain(page)
    assert "A fee of $5 and $10 per side." in text
    assert re.search(r"line one\n\n\n    indented line", html.unescape(page))
    assert "A sub-heading" in text and "<table" in page
    assert "mathjax" not in page.lower()
