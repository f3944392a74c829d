"""check_quiz and load_quiz: every planted defect is found at its exact line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mediation_lessons.errors import QuizError
from mediation_lessons.loader import load_lesson
from mediation_lessons.model import Lesson
from mediation_lessons.quiz import check_quiz, load_quiz

# (line, words the message must contain) for tests/quiz/data/broken/defects.quiz.yaml
PLANTED = [
    (1, "`mastery` of the quiz is 1.5"),
    (2, "`max_tries` of the quiz is 0"),
    (3, "unknown key `colour`"),
    (10, "`no-correct` has no correct option"),
    (18, "did you mean `hints`"),
    (24, "has the option \u201cThe  ground RULES\u201d twice (first on line 22)"),
    (26, "`no-correct` is used twice (first on line 5)"),
    (31, "orders 1 item"),
    (37, "source quote of question `bad-source` is not in step `finding-common-ground`"),
    (41, "no step `signing-ceremony`"),
    (52, "is `no`, which YAML reads as the boolean False, not as text. Quote it: \"no\""),
    (53, "is `2024-01-10`, which YAML reads as the date 2024-01-10, not as text. Quote it: "
         "\"2024-01-10\""),
    (57, "`prompt` of question `wrong-types` should be text, found a list"),
    (59, "`max_tries` of question `wrong-types` should be a whole number"),
    (60, "`penalty` of question `wrong-types` is 1.5, outside [0, 1]"),
    (62, "is `Yes`, which YAML reads as the boolean True"),
    (71, "`answer` of question `tf-quoted` should be true or false, found the quoted text"),
    (74, "unknown type `essay`"),
    (77, "`no-source` has no `source`"),
    (82, "the key `prompt` appears twice (first on line 80)"),
    (94, "distractor \u201cWrites them down\u201d"),
]


@pytest.fixture
def defects(data_dir: Path) -> Lesson:
    return load_lesson(data_dir / "broken" / "defects.md")


def test_every_planted_defect_is_found_at_its_line(defects: Lesson) -> None:
    findings = check_quiz(defects)
    path = str(defects.path.with_name("defects.quiz.yaml"))
    assert all(f.path == path and f.severity == "error" for f in findings)
    found = [(f.line, f.message) for f in findings]
    for line, words in PLANTED:
        assert any(at == line and words.lower() in msg.lower() for at, msg in found), (
            line, words, found)
    assert len(findings) == len(PLANTED), found


def test_findings_are_sentences_with_a_remedy(defects: Lesson) -> None:
    for finding in check_quiz(defects):
        assert str(finding).startswith(f"{finding.path}:{finding.line}: error: ")
        problem, _, remedy = finding.message.partition(". ")
        assert problem and remedy.endswith((".", "?")), finding.message


def test_load_quiz_raises_with_first_line(defects: Lesson) -> None:
    with pytest.raises(QuizError) as caught:
        load_quiz(defects)
    assert caught.value.line == 1 and "defects.quiz.yaml:1:" in str(caught.value)
    assert "20 more problems" in str(caught.value)


@pytest.fixture
def lesson_with_quiz(tmp_path: Path, data_dir: Path) -> Callable[[str | bytes], Lesson]:
    def make(quiz: str | bytes) -> Lesson:
        article = tmp_path / "lesson.md"
        shutil.copy(data_dir / "lesson.md", article)
        target = tmp_path / "lesson.quiz.yaml"
        if isinstance(quiz, bytes):
            target.write_bytes(quiz)
        else:
            target.write_text(quiz, encoding="utf-8")
        return load_lesson(article)
    return make


GOOD = """\
questions:
  - id: q1
    step: opening-the-talks
    type: fill
    prompt: Each party speaks without ____.
    source: Each party then speaks without interruption.
    answers: [interruption, interruptions]
    hints: [It is what you should not do.]
    feedback_wrong: Think of what a polite listener avoids.
"""


def test_good_quiz_loads(lesson_with_quiz: Callable[[str], Lesson]) -> None:
    lesson = lesson_with_quiz(GOOD)
    assert check_quiz(lesson) == []
    quiz = load_quiz(lesson)
    assert [q.id for q in quiz.questions] == ["q1"] and quiz.origin == "file"
    assert quiz.questions[0].line == 2 and quiz.for_step("opening-the-talks")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("", 1, "the quiz is empty"),
    ("# only a comment\n", 1, "the quiz is empty"),
    ("questions:\n  - id: a\n    step: [unclosed\n", 4, "not valid YAML"),
    ("questions:\n  - id: a\n   step: x\n", 3, "not valid YAML"),
    ("questions:\n\t- id: a\n", 2, "not valid YAML"),
    ("just text\n", 1, "should be a mapping"),
    ("questions: []\n", 1, "non-empty list"),
    ("mastery: 0.5\n", 1, "has no `questions`"),
    ("questions:\n  - just a string\n", 2, "should be a mapping"),
    ("questions:\n  - id: a b\n", 2, "not a plain identifier"),
    ("questions:\n  - id: 1.10\n", 2, "which YAML reads as the number 1.1"),
    ("step_mastery: {nowhere: 0.5}\nquestions:\n  - x\n", 1, "no step `nowhere`"),
    ("step_mastery: {opening-the-talks: 0}\nquestions:\n  - x\n", 1, "outside (0, 1]"),
    ("questions: &a [*a]\n", 1, "refers to the list or mapping that contains it"),
    ("questions:\n  - id: q\n    penalty: .nan\n", 3, "is nan"),
    ("questions:\n  - !!python/object:os.system {}\n  - !custom x\n", 3, "could not read"),
    ("questions:\n  - id: q\n    \x00\n", 3, "unprintable character"),
])
def test_malformed_quiz_files(lesson_with_quiz: Callable[[str], Lesson], text: str,
                              line: int | None, words: str) -> None:
    lesson = lesson_with_quiz(text)
    findings = check_quiz(lesson)
    assert any(f.line == line and words.lower() in f.message.lower() for f in findings), [
        str(f) for f in findings]
    with pytest.raises(QuizError):
        load_quiz(lesson)


def test_not_utf8_nor_windows_1252(lesson_with_quiz: Callable[[bytes], Lesson]) -> None:
    # 0x81 is undefined in Windows-1252 too: nothing sensible to read it as.
    lesson = lesson_with_quiz(b"questions:\n  - id: caf\x81\n")
    with pytest.raises(QuizError, match="not UTF-8") as caught:
        load_quiz(lesson)
    assert caught.value.line == 2 and "0x81" in str(caught.value)


def test_alias_bomb_is_an_error(lesson_with_quiz: Callable[[str], Lesson]) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 8):
        rows.append(f"{chr(97 + n)}: &{chr(97 + n)} " + "[" + ", ".join(
            [f"*{chr(96 + n)}"] * 10) + "]")
    lesson = lesson_with_quiz("\n".join(rows) + "\nquestions: []\n")
    with pytest.raises(QuizError, match="YAML nodes"):
        load_quiz(lesson)


def test_top_level_list_and_defaults(lesson_with_quiz: Callable[[str], Lesson]) -> None:
    body = "\n".join(line[2:] for line in GOOD.splitlines()[1:])
    quiz = load_quiz(lesson_with_quiz(body + "\n"))
    assert quiz.questions[0].max_tries == 3 and quiz.questions[0].penalty == 0.1
    assert quiz.mastery == 0.8 and quiz.mastery_for("writing-it-down") == 0.8


def test_warnings_do_not_block_loading(lesson_with_quiz: Callable[[str], Lesson]) -> None:
    quiz = GOOD.replace("answers: [interruption, interruptions]", "answers: [without]")
    lesson = lesson_with_quiz(quiz)
    findings = check_quiz(lesson)
    assert [f.severity for f in findings] == ["warning"] and findings[0].line == 7
    assert "shows in its id or prompt" in findings[0].message
    assert load_quiz(lesson).questions


FRONTMATTER = """\
---
title: Inline quiz
quiz:
  mastery: 0.7
  questions:
    - id: inline
      step: the-only-step
      type: truefalse
      prompt: The sky is green.
      source: The sky is blue.
      answer: no
      feedback_true: It is blue.
    - id: inline-bad
      step: the-only-step
      type: single
      prompt: Colour?
      source: The sky is red.
      options: [blue, red]
---

## The Only Step

The sky is blue.
"""


def test_frontmatter_quiz_reports_article_lines(tmp_path: Path) -> None:
    article = tmp_path / "inline.md"
    article.write_text(FRONTMATTER, encoding="utf-8")
    lesson = load_lesson(article)
    findings = check_quiz(lesson)
    assert {(f.line, f.path) for f in findings if f.severity == "error"} == {
        (17, str(article)), (18, str(article))}
    with pytest.raises(QuizError) as caught:
        load_quiz(lesson)
    assert caught.value.path == str(article) and caught.value.line == 17


def test_frontmatter_quiz_loads(tmp_path: Path) -> None:
    article = tmp_path / "inline.md"
    article.write_text(FRONTMATTER.split("    - id: inline-bad")[0] + FRONTMATTER.split(
        "options: [blue, red]\n")[1], encoding="utf-8")
    quiz = load_quiz(load_lesson(article))
    assert quiz.origin == "frontmatter" and quiz.mastery == 0.7
    assert quiz.questions[0].grade(False).correct


def test_quiz_key_without_readable_file(make_lesson: Callable[..., Lesson],
                                        tmp_path: Path) -> None:
    data = {"questions": [{"id": "q", "step": "step-1", "type": "truefalse", "prompt": "?",
                           "source": "Sky is blue", "answer": "no"}]}
    lesson = make_lesson(tmp_path / "missing.md", [("One", "Sky is blue.")], {"quiz": data})
    findings = check_quiz(lesson)
    assert len(findings) == 1 and findings[0].line is None
    assert "should be true or false" in findings[0].message


def test_quiz_file_wins_over_frontmatter_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "inline.md"
    article.write_text(FRONTMATTER, encoding="utf-8")
    (tmp_path / "inline.quiz.yaml").write_text(
        GOOD.replace("opening-the-talks", "the-only-step")
        .replace("Each party then speaks without interruption.", "The sky is blue."),
        encoding="utf-8")
    lesson = load_lesson(article)
    findings = check_quiz(lesson)
    assert [(f.path, f.severity) for f in findings] == [(str(article), "warning")]
    assert "the quiz file is used" in findings[0].message
    assert load_quiz(lesson).origin == "file"
