"""Questions derived from structure, for articles with no authored quiz."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mediation_lessons.model import Lesson
from mediation_lessons.quiz import check_quiz, load_quiz
from mediation_lessons.quiz.authoring import quote_in_step
from mediation_lessons.quiz.derive import first_sentence, groups


def steps(count: int) -> list[tuple[str, str]]:
    return [(f"Stage {n} of the process",
             f"Stage {n} begins when the parties do thing number {n}. More follows here.")
            for n in range(1, count + 1)]


def assert_sound(lesson: Lesson) -> None:
    quiz = load_quiz(lesson)
    assert quiz.origin == "derived" and check_quiz(lesson) == []
    for question in quiz.questions:
        assert question.grade(question.answer()).score == 1.0, question.id
        assert quote_in_step(question.source, lesson.step(question.step)), question.id


def test_derived_order_and_match(make_lesson: Callable[..., Lesson], tmp_path: Path) -> None:
    lesson = make_lesson(tmp_path / "a.md", steps(4))
    quiz = load_quiz(lesson)
    kinds = [q.kind for q in quiz.questions]
    assert kinds == ["ordering", "matching"]
    order = quiz.questions[0]
    assert [o.text for o in order.view().items] != [title for title, _ in steps(4)]
    match = quiz.questions[1]
    assert len(match.view().left) == 4
    assert "Stage 2 begins when the parties do thing number 2." in [
        o.text for o in match.view().right]
    assert_sound(lesson)


def test_many_steps_are_matched_in_groups_of_six(make_lesson: Callable[..., Lesson],
                                                 tmp_path: Path) -> None:
    lesson = make_lesson(tmp_path / "b.md", steps(14))
    quiz = load_quiz(lesson)
    sizes = [len(q.view().left) for q in quiz.questions if q.kind == "matching"]
    assert sizes == [5, 5, 4] and len(quiz.questions[0].view().items) == 14
    assert_sound(lesson)
    assert [len(g) for g in groups(list(range(7)))] == [4, 3]  # type: ignore[arg-type]
    assert [len(g) for g in groups(list(range(6)))] == [6]  # type: ignore[arg-type]


def test_one_step_lesson_still_gets_a_quiz(make_lesson: Callable[..., Lesson],
                                           tmp_path: Path) -> None:
    lesson = make_lesson(tmp_path / "c.md", steps(1))
    quiz = load_quiz(lesson)
    assert [q.kind for q in quiz.questions] == ["reflection"]
    assert_sound(lesson)


def test_duplicate_titles_and_sentences_are_skipped(make_lesson: Callable[..., Lesson],
                                                   tmp_path: Path) -> None:
    same = [("Conclusion", "It ends. Really."), ("Conclusion", "It ends. Really."),
            ("Intro", "It starts here."), ("Empty", "")]
    lesson = make_lesson(tmp_path / "d.md", same)
    quiz = load_quiz(lesson)
    order = quiz.questions[0]
    assert sorted(o.text for o in order.view().items) == ["Conclusion", "Empty", "Intro"]
    match = quiz.questions[1]
    assert sorted(o.text for o in match.view().left) == ["Conclusion", "Intro"]
    assert_sound(lesson)


def test_first_sentence_is_cut_at_a_word() -> None:
    from mediation_lessons.model import Step
    long = "word " * 100
    step = Step(title="T", slug="t", markdown=long, html="", text=long)
    sentence = first_sentence(step)
    assert len(sentence) <= 220 and sentence.endswith("word")
    assert quote_in_step(sentence, step)


def test_shipped_article_without_its_quiz_file(shipped_lesson: Lesson, tmp_path: Path) -> None:
    article = tmp_path / "copy.md"
    article.write_bytes(shipped_lesson.path.read_bytes())
    from mediation_lessons.loader import load_lesson
    lesson = load_lesson(article)
    assert_sound(lesson)
    assert len(load_quiz(lesson).questions) == 2
