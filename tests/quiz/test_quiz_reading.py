"""Quiz files as editors save them: BOMs, CRLF, UTF-16, Windows-1252, tabs, empty, huge."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mediation_lessons.errors import QuizError
from mediation_lessons.loader import load_lesson
from mediation_lessons.model import Lesson
from mediation_lessons.quiz import check_quiz, load_quiz
from mediation_lessons.quiz.reading import MAX_QUIZ_BYTES

QUIZ = """\
# a comment
questions:
  - id: q1
    step: opening-the-talks
    type: fill
    prompt: Each party speaks without ____.
    source: Each party then speaks without interruption.
    answers: [interruption]
    explanation: The mediator\u2019s ground rules say so.
  - id: q2
    step: nowhere
    type: fill
    prompt: Both parties ____ it.
    source: Both parties sign it.
    answers: [sign]
"""


@pytest.fixture
def quiz_file(tmp_path: Path, data_dir: Path) -> Callable[[bytes], Lesson]:
    def make(data: bytes) -> Lesson:
        shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
        (tmp_path / "lesson.quiz.yaml").write_bytes(data)
        return load_lesson(tmp_path / "lesson.md")
    return make


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    lambda text: text.encode("utf-16"),
    lambda text: b"\xfe\xff" + text.replace("\n", "\r\n").encode("utf-16-be"),
], ids=["utf8", "bom", "crlf", "bom-crlf", "utf16", "utf16be-crlf"])
def test_encodings_and_line_ends_keep_lines(quiz_file: Callable[[bytes], Lesson],
                                            encode: Callable[[str], bytes]) -> None:
    findings = check_quiz(quiz_file(encode(QUIZ)))
    assert [(f.line, f.severity) for f in findings] == [(11, "error")], findings
    assert "no step `nowhere`" in findings[0].message


def test_windows_1252_is_read_with_a_warning(quiz_file: Callable[[bytes], Lesson]) -> None:
    good = QUIZ.split("  - id: q2")[0]
    lesson = quiz_file(good.encode("cp1252"))
    findings = check_quiz(lesson)
    assert [(f.line, f.severity) for f in findings] == [(9, "warning")]
    assert "read as Windows-1252. Save it as UTF-8." in findings[0].message
    assert "0x92" in findings[0].message
    quiz = load_quiz(lesson)
    assert quiz.questions[0].explanation == "The mediator\u2019s ground rules say so."


@pytest.mark.parametrize(("data", "line"), [
    (b"questions:\n\t- id: a\n", 2),
    (b"questions:\n  - id: a\n\t  step: b\n", 3),
    (b"questions:\n  - id: a\n    step: opening-the-talks\n  \ttype: fill\n", 4),
])
def test_tabs_get_their_own_remedy(quiz_file: Callable[[bytes], Lesson], data: bytes,
                                   line: int) -> None:
    lesson = quiz_file(data)
    findings = check_quiz(lesson)
    assert [f.line for f in findings] == [line]
    assert "tab character" in findings[0].message
    assert "Replace the tabs with spaces" in findings[0].message
    with pytest.raises(QuizError, match="tab character"):
        load_quiz(lesson)


def test_tabs_inside_values_are_fine(quiz_file: Callable[[bytes], Lesson]) -> None:
    lesson = quiz_file(QUIZ.split("  - id: q2")[0].replace("without ____", "without\t____")
                       .encode())
    assert check_quiz(lesson) == []


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n", b"\xff\xfe", b"---\n"])
def test_empty_files(quiz_file: Callable[[bytes], Lesson], data: bytes) -> None:
    findings = check_quiz(quiz_file(data))
    assert [(f.line, f.severity) for f in findings] == [(1, "error")]
    assert "the quiz is empty" in findings[0].message.lower()


def test_broken_utf16_is_an_error(quiz_file: Callable[[bytes], Lesson]) -> None:
    with pytest.raises(QuizError, match="UTF-16"):
        load_quiz(quiz_file(b"\xff\xfeq\x00\x00\xd8"))


def test_huge_file_is_refused_before_parsing(quiz_file: Callable[[bytes], Lesson]) -> None:
    lesson = quiz_file(b"questions:\n" + b"#" * MAX_QUIZ_BYTES)
    with pytest.raises(QuizError, match=f"more than {MAX_QUIZ_BYTES}") as caught:
        load_quiz(lesson)
    assert "Split the lesson or shorten its quiz." in str(caught.value)


def test_many_questions_each_report_their_line(quiz_file: Callable[[bytes], Lesson]) -> None:
    block = QUIZ.split("questions:\n")[1].split("  - id: q2")[0]
    body = "".join(block.replace("id: q1", f"id: q{n}") for n in range(300))
    lesson = quiz_file(("questions:\n" + body + "  - oops\n").encode())
    findings = check_quiz(lesson)
    assert [(f.line, "should be a mapping" in f.message) for f in findings] == [
        (2 + 7 * 300, True)]


def test_plain_and_quoted_values_are_told_apart(quiz_file: Callable[[bytes], Lesson]) -> None:
    text = ("questions:\n  - id: a\n    step: writing-it-down\n    type: truefalse\n"
            "    prompt: Both sign.\n    source: Both parties sign it.\n    answer: maybe\n"
            "  - id: b\n    step: writing-it-down\n    type: truefalse\n"
            "    prompt: Both sign.\n    source: Both parties sign it.\n    answer: \"true\"\n")
    messages = {f.line: f.message for f in check_quiz(quiz_file(text.encode()))}
    assert "found `maybe`" in messages[7]
    assert "found the quoted text \"true\"" in messages[13]
