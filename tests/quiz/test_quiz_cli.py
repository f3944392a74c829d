"""The export-quiz command: the instructor's answer key, and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.cli import main
from mediation_lessons.loader import load_lesson
from mediation_lessons.quiz import load_quiz


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export-quiz", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_course_answers_grade_correct(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SHIPPED_COURSE), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    lessons = data["lessons"]
    assert len(lessons) == 1 and lessons[0]["lesson"] == "what-are-the-steps-of-mediation"
    quiz = load_quiz(load_lesson(lessons[0]["path"]))
    exported = lessons[0]["questions"]
    assert [q["id"] for q in exported] == [q.id for q in quiz.questions]
    for item in exported:
        assert {"id", "step", "type", "prompt", "answer", "source"} <= set(item)
        question = quiz.question(item["id"])
        feedback = question.grade(item["answer"])
        assert feedback.correct and feedback.score == 1.0, item["id"]
        if item["type"] == "fill":
            assert item["answer"] in item["answers"] and "precision" in item
            assert all(question.grade(text).correct for text in item["answers"])
        if item["type"] in ("single", "multiple"):
            assert {o["id"] for o in item["options"]} == {o.id for o in question.view().options}


def test_export_single_lesson(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, str(data_dir / "lesson.md"))
    data = json.loads(out)
    assert code == 0 and data["lessons"][0]["origin"] == "derived"
    assert [q["type"] for q in data["lessons"][0]["questions"]] == ["ordering", "matching"]


@pytest.mark.parametrize("target", ["broken/defects.md", "broken", "nowhere.md"])
def test_export_errors_are_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                    target: str) -> None:
    code, out, err = run(capsys, str(data_dir / target))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("mediation-lessons: error: ")
    assert "Traceback" not in err


def test_export_course_with_broken_article(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "good.md")
    (tmp_path / "bad.md").write_text("", encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path))
    assert code == 1 and "bad.md" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export-quiz", str(SHIPPED_COURSE), "--format", "xml"])
    assert caught.value.code == 2
    capsys.readouterr()
