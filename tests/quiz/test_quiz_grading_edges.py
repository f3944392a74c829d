"""Grading what real learners type and send: Unicode variants, numbers, odd responses."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from mediation_lessons.errors import ResponseError
from mediation_lessons.loader import load_lesson
from mediation_lessons.quiz import check_quiz, load_quiz
from mediation_lessons.quiz.model import (
    Choice,
    Fill,
    Matching,
    MultipleSelect,
    Ordering,
    Pair,
    Reflection,
)
from mediation_lessons.quiz.text import number_value

COMMON = {"step": "s", "prompt": "Q?", "source": "quote"}


def fill(*answers: str, **extra: object) -> Fill:
    return Fill(id="f", answers=answers, **COMMON, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("given", [
    unicodedata.normalize("NFD", "Café au lait"),          # decomposed accents
    "ＣＡＦÉ ＡＵ ＬＡＩＴ",                                   # full-width letters
    "caf\u00e9 au lait.",                                  # trailing period
    "  café   au\tlait  ",                                 # extra and odd spaces
    "caf\u00e9\u00a0au\u2003lait",                          # no-break and em spaces
    "\u201ccafé au lait\u201d",                             # curly quotes around
    "cafÃ© au lait",                                       # mojibake from a bad paste
    "café au\u200blait",                                   # zero-width space
    "ca\u00adfé au lait!",                                 # soft hyphen, exclamation
])
def test_fill_unicode_variants_are_accepted(given: str) -> None:
    assert fill("café au lait").grade(given).correct, given


def test_fill_quotes_inside_answers_are_unified() -> None:
    q = fill("the parties' goals")
    assert q.grade("The parties\u2019 goals").correct and q.grade("the parties` goals").correct


@pytest.mark.parametrize("given", ["cafe au lait", "café", "café au lait au lait"])
def test_fill_accents_and_words_still_count(given: str) -> None:
    # Accents can change meaning; list accent-free variants or set `fuzzy` to allow them.
    assert not fill("café au lait").grade(given).correct


@pytest.mark.parametrize(("answers", "given", "correct"), [
    (("3",), "3", True), (("3",), "3.0", True), (("3",), " +3. ", True),
    (("3",), "three", True), (("3",), "Three.", True), (("3",), "３", True),
    (("three",), "3", True), (("3",), "03", True), (("21",), "twenty-one", True),
    (("1000",), "1,000", True), (("2.5",), "2,5", True), (("0.5",), ".5", True),
    (("3",), "4", False), (("3",), "31", False), (("3",), "3 days", False),
    (("3",), "thirty", False), (("3",), "", False), (("3",), "nan", False),
])
def test_fill_numeric_answers_compare_by_value(answers: tuple[str, ...], given: str,
                                               correct: bool) -> None:
    assert fill(*answers).grade(given).correct is correct


def test_fill_numbers_ignore_fuzzy_and_honour_precision() -> None:
    assert not fill("3", fuzzy=0.5).grade("31").correct
    pi = fill("3.14159", precision=3)
    assert pi.grade("3.14").correct and pi.grade("3.142").correct
    assert not pi.grade("3.15").correct and not fill("3.14159").grade("3.14").correct
    assert fill("0", precision=2).grade("zero").correct


def test_fill_mixed_answers_stay_text() -> None:
    q = fill("3", "three days")
    assert q.numbers is None
    assert q.grade("3").correct and not q.grade("3.0").correct


def test_number_words_stop_at_ninety_nine() -> None:
    assert number_value("ninety-nine") == 99 and number_value("one hundred") is None
    assert number_value("twenty zero") is None and number_value("five six") is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\u3000"])
def test_reflection_with_only_whitespace_is_refused(text: str) -> None:
    q = Reflection(id="r", model_answer="m", **COMMON)
    with pytest.raises(ResponseError, match="empty"):
        q.grade({"text": text})


def test_multiple_select_duplicates_count_once() -> None:
    q = MultipleSelect(id="m", choices=(Choice("a", True), Choice("b", True), Choice("c")),
                       **COMMON)
    ids = {o.text: o.id for o in q.view().options}
    twice = q.grade([ids["a"], ids["a"], ids["b"]])
    assert twice.correct and twice.score == 1.0
    assert q.grade([ids["a"], ids["a"]]).score == pytest.approx(0.5)
    assert len(q.grade([ids["a"], ids["a"], ids["c"]]).detail) == 2


def test_ordering_missing_extra_or_repeated_ids_are_response_errors() -> None:
    q = Ordering(id="o", items=("a", "b", "c"), **COMMON)
    key = q.answer()
    for bad in (key[:2], [*key, key[0]], [key[0], key[0], key[1]], [*key, "zzz"], []):
        with pytest.raises(ResponseError):
            q.grade(bad)


def test_matching_missing_is_partial_unknown_is_an_error() -> None:
    q = Matching(id="m", pairs=(Pair("l1", "r1"), Pair("l2", "r2"), Pair("l3", "r3")),
                 **COMMON)
    key = q.answer()
    first, second, third = key
    assert q.grade({first: key[first]}).score == pytest.approx(1 / 3)
    assert q.grade({first: key[first], second: None}).score == pytest.approx(1 / 3)
    # One choice given to two items: each item is graded on its own.
    assert q.grade({first: key[first], second: key[first], third: key[third]}).score == (
        pytest.approx(2 / 3))
    with pytest.raises(ResponseError):
        q.grade({**key, "extra-left-id": key[first]})


NUMERIC = """\
questions:
  - id: how-many
    step: writing-it-down
    type: fill
    prompt: How many parties sign it?
    source: Both parties sign it.
    answers: ["2"]
    precision: 2
    fuzzy: 0.8
  - id: plain
    step: writing-it-down
    type: fill
    prompt: Written in plain ____.
    source: The agreement is written in plain words.
    answers: [words]
    precision: 2
"""


def test_precision_and_fuzzy_are_checked_against_the_answers(tmp_path: Path,
                                                             data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.yaml").write_text(NUMERIC, encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    findings = check_quiz(lesson)
    assert [(f.line, f.severity) for f in findings] == [(9, "warning"), (16, "error")]
    assert "`fuzzy` of question `how-many` is not used" in findings[0].message
    assert "`precision` of question `plain` applies to numeric answers" in findings[1].message
    (tmp_path / "lesson.quiz.yaml").write_text(NUMERIC.split("  - id: plain")[0],
                                               encoding="utf-8")
    question = load_quiz(load_lesson(tmp_path / "lesson.md")).questions[0]
    assert question.grade("two").correct and question.grade("2.0").correct


def test_unquoted_numbers_are_answers_as_written(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    quiz = NUMERIC.split("  - id: plain")[0].replace('answers: ["2"]', "answers: [2, 2.50, 017]")
    (tmp_path / "lesson.quiz.yaml").write_text(quiz.replace("    fuzzy: 0.8\n", ""),
                                               encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    assert check_quiz(lesson) == []
    question = load_quiz(lesson).questions[0]
    assert isinstance(question, Fill) and question.answers == ("2", "2.50", "017")
    assert question.grade("2.5").correct and question.grade("seventeen").correct
    (tmp_path / "lesson.quiz.yaml").write_text(quiz.replace("[2, 2.50, 017]", "[2, no]"),
                                               encoding="utf-8")
    findings = check_quiz(load_lesson(tmp_path / "lesson.md"))
    assert [f.line for f in findings if f.severity == "error"] == [7]
    assert "is `no`, which YAML reads as the boolean False" in findings[0].message


WRONG = """\
questions:
  - id: signers
    step: writing-it-down
    type: fill
    prompt: Who puts their names on the agreement?
    source: Both parties sign it.
    answers: [both parties, the parties]
    feedback_wrong: Read the last sentence of the step.
    wrong_answers:
      - text: the mediator
        feedback: The mediator helps write it; the parties sign it.
      - {text: The parties, feedback: Duplicate of an accepted answer.}
      - {text: a judge}
"""


def test_fill_wrong_answers_give_their_feedback(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.yaml").write_text(WRONG, encoding="utf-8")
    findings = check_quiz(load_lesson(tmp_path / "lesson.md"))
    assert [(f.line, f.severity) for f in findings] == [(12, "error"), (13, "error")]
    assert "\u201cThe parties\u201d of question `signers` is also an accepted" in (
        findings[0].message)
    assert "has no `feedback`" in findings[1].message
    good = WRONG.split("      - {text: The parties")[0]
    (tmp_path / "lesson.quiz.yaml").write_text(good, encoding="utf-8")
    question = load_quiz(load_lesson(tmp_path / "lesson.md")).questions[0]
    assert question.grade("The Mediator!").message.startswith("The mediator helps write it")
    assert question.grade("a judge").message == "Read the last sentence of the step."
    assert question.grade("both parties").correct
    assert question.view().to_dict() == question.view().to_dict()
    assert "mediator helps" not in str(question.view().to_dict())
