"""The examples in docs/quizzes.md work as the page says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mediation_lessons.loader import load_lesson
from mediation_lessons.quiz import check_quiz, load_quiz

DOC = Path(__file__).parent.parent.parent / "docs" / "quizzes.md"


def _block(language: str, index: int = 0) -> str:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)[index]


def test_complete_example_checks_clean_and_grades(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "opening.md")
    (tmp_path / "opening.quiz.yaml").write_text(_block("yaml"), encoding="utf-8")
    lesson = load_lesson(tmp_path / "opening.md")
    assert check_quiz(lesson) == []
    who, count = load_quiz(lesson).questions
    ids = {o.text: o.id for o in who.view("ann").options}
    assert who.grade(ids["A judge"]).message == "There is no judge in mediation."
    assert count.grade("two").correct and count.grade("2.0").correct
    assert count.grade("3").message == "Count the parties in the dispute."


def test_documented_check_line_is_what_check_prints(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "opening.md")
    quiz = tmp_path / "opening.quiz.yaml"
    quiz.write_text(_block("yaml").replace("type: single", "type: mcq"), encoding="utf-8")
    printed = [str(f) for f in check_quiz(load_lesson(tmp_path / "opening.md"))]
    documented = re.search(r"^opening\.quiz\.yaml:5: .*$", DOC.read_text(encoding="utf-8"),
                           re.M)
    assert documented is not None
    assert printed == [f"{tmp_path}/{documented.group()}"], (printed, documented)


def test_jupyterquiz_example_imports(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "opening.md")
    (tmp_path / "opening.quiz.json").write_text(_block("json"), encoding="utf-8")
    lesson = load_lesson(tmp_path / "opening.md")
    assert [f.severity for f in check_quiz(lesson)] == ["warning"]
    question = load_quiz(lesson).questions[0]
    assert question.kind == "single" and question.grade(question.answer()).correct
