"""``mediation-lessons export``: handouts from the command line, errors as one clean line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mediation_lessons as ml
from mediation_lessons.cli import main

SHIPPED_ARTICLE = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"


def test_export_a_course_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handouts"
    assert main(["export", str(ml.SHIPPED_COURSE), "--to", "html", "--out", str(out)]) == 0
    written = out / "what-are-the-steps-of-mediation.html"
    assert capsys.readouterr().out.split() == [str(written.resolve())]
    assert "Answer key" not in written.read_text(encoding="utf-8")


def test_export_one_article_with_answers(tmp_path: Path) -> None:
    out = tmp_path / "handouts"
    assert main(["export", str(SHIPPED_ARTICLE), "--out", str(out), "--with-answers"]) == 0
    page = (out / "what-are-the-steps-of-mediation-with-answers.html").read_text(encoding="utf-8")
    assert "Answer key" in page


def test_export_the_handout_notebook(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    assert main(["export", str(SHIPPED_ARTICLE), "--to", "ipynb", "--out", str(tmp_path)]) == 0
    notebook = nbformat.read(tmp_path / "what-are-the-steps-of-mediation.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["mediation_lessons"] == {
        "handout": "what-are-the-steps-of-mediation", "with_answers": False}


def test_a_broken_article_is_reported_and_the_rest_exported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(SHIPPED_ARTICLE, course / "good.md")
    (course / "broken.md").write_text("---\ntitle: [unclosed\n---\n\n## Step\n\nText.\n",
                                      encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(course), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.md" in err and "Traceback" not in err
    assert [path.name for path in out.glob("*.html")] == ["good.html"]


@pytest.mark.parametrize("problem", ["missing", "out-is-file", "bad-quiz"])
def test_errors_are_one_clean_line(tmp_path: Path, problem: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    source, out = SHIPPED_ARTICLE, tmp_path / "out"
    if problem == "missing":
        source = tmp_path / "nope.md"
    elif problem == "out-is-file":
        out.write_text("x", encoding="utf-8")
    else:
        source = tmp_path / "lesson.md"
        shutil.copy(SHIPPED_ARTICLE, source)
        (tmp_path / "lesson.quiz.yaml").write_text("questions: 3\n", encoding="utf-8")
    assert main(["export", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mediation-lessons: error: "), lines
    named = {"missing": "nope.md", "out-is-file": str(out), "bad-quiz": "lesson.quiz.yaml:1"}
    assert named[problem] in lines[0]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", str(SHIPPED_ARTICLE), "--to", "pdf", "--out", str(tmp_path)])
    assert caught.value.code == 2


def test_the_command_line_offers_every_handout_format() -> None:
    from mediation_lessons.cli.export import HANDOUT_FORMATS
    from mediation_lessons.handout import FORMATS

    assert tuple(HANDOUT_FORMATS) == tuple(FORMATS)
