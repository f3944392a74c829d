"""Quiz files written the way other tools taught their authors, and jupyterquiz imports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.errors import QuizError
from mediation_lessons.loader import load_lesson
from mediation_lessons.quiz import check_quiz, load_quiz
from mediation_lessons.quiz.model import Fill, SingleChoice

# (line, words the message must contain) for tests/quiz/data/foreign/foreign.quiz.yaml
FOREIGN = [
    (5, "unknown type `mcq`. Write `type: single` (it has one correct option)"),
    (13, "unknown type `multiple_choice`. Write `type: multiple` (it has 2 correct options)"),
    (22, "unknown type `checkbox`. Write `type: multiple`"),
    (27, "unknown type `true_false`. Write `type: truefalse`"),
    (33, "unknown type `tf`. Write `type: truefalse`"),
    (39, "unknown type `short_answer`. Write `type: fill`"),
    (45, "unknown type `essay`. Write `type: reflection`"),
    (52, "unknown key `question` in question `question-key`. Did you mean `prompt`?"),
    (60, "unknown key `choices` in question `choices-index`. Did you mean `options`?"),
    (61, "mark the right option itself with `correct: true` (\u201cTheir shared interests\u201d "
         "if counted from 1)"),
    (67, "unknown key `answers` in question `answers-letter`. Did you mean `options`?"),
    (68, "(\u201cThe mediator\u201d for `B`)"),
    (74, "unknown key `correct_answer` in question `correct-answer-key`. Did you mean `answer`?"),
    (81, "unknown key `hint` in question `hint-key`. Did you mean `hints`? A single text"),
    (88, "did you mean `feedback_wrong` (shown after a wrong answer) or `explanation`"),
    (90, "is the number 2; a step is named by its slug or title, which do not shift when "
         "steps are added. Write `step: finding-common-ground` for step 2"),
    (100, "unknown key `correct_answer` in question `fill-correct-answer`. Did you mean "
          "`answers`?"),
    (103, "unknown type `singel`. Did you mean `type: single`?"),
    (112, "unknown key `answer` in an option of question `option-answer-key`. Did you mean "
          "`text`?"),
    (113, "unknown key `answer` in an option of question `option-answer-key`"),
    (113, "unknown key `explanation` in an option of question `option-answer-key`. Did you "
          "mean `feedback`?"),
    (120, "(\u201cThe mediator\u201d if counted from 1 or \u201cA judge\u201d if counted "
          "from 0)"),
    (127, "unknown key `term` in a pair of question `pair-keys`. Did you mean `left`?"),
    (127, "unknown key `definition` in a pair of question `pair-keys`. Did you mean `right`?"),
]


def test_foreign_spellings_each_get_one_remedy_at_their_line(data_dir: Path) -> None:
    lesson = load_lesson(data_dir / "foreign" / "foreign.md")
    findings = check_quiz(lesson)
    path = str(data_dir / "foreign" / "foreign.quiz.yaml")
    assert all(f.path == path and f.severity == "error" for f in findings)
    found = [(f.line, f.message) for f in findings]
    for line, words in FOREIGN:
        assert any(at == line and words.lower() in msg.lower() for at, msg in found), (
            line, words, found)
    # One finding per foreign spelling: no "has no `prompt`" next to "did you mean `prompt`".
    assert len(findings) == len(FOREIGN), found
    for finding in findings:
        problem, _, remedy = finding.message.partition(". ")
        assert problem and remedy.endswith((".", "?")), finding.message
    with pytest.raises(QuizError) as caught:
        load_quiz(lesson)
    assert caught.value.line == 5 and f"{len(FOREIGN) - 1} more problems" in str(caught.value)


@pytest.mark.parametrize(("kind", "remedy"), [
    ("Single", "Did you mean `type: single`?"),
    ("multi-choice", "Write `type: single` for one correct option, or `type: multiple`"),
    ("numeric", "Write `type: fill`"),
    ("sequence", "Write `type: ordering`"),
    ("match", "Write `type: matching`"),
    ("hotspot", "Use one of single, multiple"),
])
def test_type_remedies(tmp_path: Path, data_dir: Path, kind: str, remedy: str) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.yaml").write_text(
        f"questions:\n  - id: q\n    step: writing-it-down\n    type: {kind}\n"
        "    prompt: Who signs?\n    source: Both parties sign it.\n", encoding="utf-8")
    findings = check_quiz(load_lesson(tmp_path / "lesson.md"))
    assert [(f.line, remedy in f.message) for f in findings] == [(4, True)], findings


# jupyterquiz ---------------------------------------------------------------------------


def test_jupyterquiz_file_imports_as_a_working_quiz(data_dir: Path) -> None:
    lesson = load_lesson(data_dir / "jupyterquiz" / "imported.md")
    findings = check_quiz(lesson)
    assert [(f.line, f.severity) for f in findings] == [(2, "warning"), (38, "warning")]
    assert "asked in the last step `writing-it-down`" in findings[0].message
    assert "right answer \u201c2\u201d is not used" in findings[1].message
    quiz = load_quiz(lesson)
    assert quiz.origin == "file" and quiz.path.endswith("imported.quiz.json")
    kinds = [(q.kind, q.step) for q in quiz.questions]
    assert kinds == [("single", "writing-it-down"), ("multiple", "opening-the-talks"),
                     ("fill", "writing-it-down"), ("fill", "writing-it-down"),
                     ("single", "opening-the-talks")]
    first, many, words, number, code = quiz.questions
    assert first.id.startswith("jq-") and many.id == "opening-events"
    assert first.source == "" and many.source.startswith("Each party")
    by_text = {o.text: o.id for o in first.view("ann").options}
    assert first.grade(by_text["The judge"]).message == "Mediation has no judge."
    assert first.grade(by_text["The mediator"]).correct
    assert isinstance(words, Fill) and words.fuzzy == 0.8
    assert words.grade("WORDS.").correct and words.grade("wrods").correct
    assert words.grade("paper").message.startswith("Think of how it reads")
    assert isinstance(number, Fill) and number.precision == 2
    assert all(number.grade(given).correct for given in ("2", "2.0", "two", "2.004"))
    assert not number.grade("3").correct
    assert "<pre><code>print('ground rules')" in code.view().prompt
    assert {o.text for o in code.view().options} == {"`ground rules`", "`'ground rules'`"}
    for question in quiz.questions:
        assert question.grade(question.answer()).score == 1.0


# (line, words) for tests/quiz/data/jupyterquiz/broken.quiz.json
JQ_BROKEN = [
    (16, "numeric range answer cannot be imported"),
    (21, "the type \"dropdown\", which jupyterquiz does not have. Write \"type\": "
         "\"multiple_choice\""),
    (28, "no step `no-such-step`"),
]


def test_jupyterquiz_problems_name_their_json_line(data_dir: Path) -> None:
    lesson = load_lesson(data_dir / "jupyterquiz" / "broken.md")
    findings = check_quiz(lesson)
    found = [(f.line, f.message) for f in findings]
    for line, words in JQ_BROKEN:
        assert any(at == line and words.lower() in msg.lower() for at, msg in found), (
            line, words, found)
    assert len(findings) == len(JQ_BROKEN), found
    assert {f.severity for f in findings} == {"error"}


def test_jupyterquiz_wrong_answer_feedback_is_kept(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "jupyterquiz" / "broken.md", tmp_path / "lesson.md")
    data = json.loads((data_dir / "jupyterquiz" / "broken.quiz.json").read_text())[-1:]
    data.append({"question": "How many sign?", "type": "numeric", "step": "writing-it-down",
                 "answers": [{"type": "value", "value": 2, "correct": True},
                             {"type": "value", "value": 1, "correct": False,
                              "feedback": "Both parties sign, not one."}]})
    (tmp_path / "lesson.quiz.json").write_text(json.dumps(data), encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    assert check_quiz(lesson) == []
    who, many = load_quiz(lesson).questions
    assert who.grade("The Mediator.").message == "The mediator does not sign."
    assert who.grade("nobody").message == "Not quite."
    assert many.grade("one").message == "Both parties sign, not one."
    assert many.grade("2.0").correct


def test_jupyterquiz_multiple_choice_accepts_any_correct_answer(
        tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    data = [{"question": "Who speaks at the opening?", "type": "multiple_choice",
             "step": "opening-the-talks",
             "answers": [{"answer": "The mediator", "correct": True},
                         {"answer": "Each party", "correct": True},
                         {"answer": "A judge", "correct": False, "feedback": "No judge."}]}]
    (tmp_path / "lesson.quiz.json").write_text(json.dumps(data), encoding="utf-8")
    question = load_quiz(load_lesson(tmp_path / "lesson.md")).questions[0]
    assert isinstance(question, SingleChoice)
    ids = {o.text: o.id for o in question.view().options}
    assert question.grade(ids["The mediator"]).correct and question.grade(ids["Each party"]).correct
    assert question.grade(ids["A judge"]).message == "No judge."


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[\n  {\"question\": \"x\",\n  \"type\": \"string\"\n  }\n", 5, "not valid JSON"),
    ("[\n  {\"question\": \"x\", \"type\": \"string\",}\n]\n", 2, "not valid JSON"),
    ("", 1, "not valid JSON"),
    ("[]\n", 1, "non-empty list"),
    ("{\"questions\": [{\"id\": \"q\", \"step\": \"writing-it-down\", \"type\": \"fill\",\n"
     " \"prompt\": \"Both ____ it.\", \"answers\": [\"sign\"]}]}\n", 1, "has no `source`"),
    ("[{\"question\": \"x\", \"type\": \"string\",\n  \"answers\": {\"answer\": \"a\"}}]\n", 2,
     "`answers` should be a list"),
    ("[{\"question\": \"x\", \"type\": \"string\", \"answers\": [{\"answer\": \"a\", "
     "\"correct\": true}],\n  \"question\": \"again\"}]\n", 2, "appears twice"),
    ("[{\"question\": \"x\", \"type\": \"string\", \"answers\": [\n"
     "  {\"answer\": null, \"correct\": true}]}]\n", 2, "should be text, found `null`"),
    ("[{\"question\": \"x\", \"type\": \"numeric\", \"answers\": [\n"
     "  {\"value\": \"many\", \"correct\": true}]}]\n", 2, "should be a number"),
    pytest.param("[" * 100_000 + "]" * 100_000, None, "nested too deeply", id="deep"),
])
def test_malformed_json_quizzes(tmp_path: Path, data_dir: Path, text: str,
                                line: int | None, words: str) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.json").write_text(text, encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    findings = check_quiz(lesson)
    assert any(f.line == line and words.lower() in f.message.lower() for f in findings), [
        str(f) for f in findings]
    with pytest.raises(QuizError):
        load_quiz(lesson)


def test_own_format_in_json_needs_its_sources(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    data = {"mastery": 0.5, "questions": [{
        "id": "q", "step": "writing-it-down", "type": "fill", "prompt": "Both ____ it.",
        "source": "Both parties sign it.", "answers": ["sign"]}]}
    (tmp_path / "lesson.quiz.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    assert check_quiz(lesson) == []
    quiz = load_quiz(lesson)
    assert quiz.mastery == 0.5 and quiz.questions[0].line == 4


def test_yaml_quiz_wins_over_json_with_a_warning(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    shutil.copy(data_dir / "jupyterquiz" / "imported.quiz.json", tmp_path / "lesson.quiz.json")
    (tmp_path / "lesson.quiz.yaml").write_text(
        "questions:\n  - id: q\n    step: writing-it-down\n    type: fill\n"
        "    prompt: Both parties ____ it.\n    source: Both parties sign it.\n"
        "    answers: [sign]\n", encoding="utf-8")
    lesson = load_lesson(tmp_path / "lesson.md")
    findings = check_quiz(lesson)
    assert [f.severity for f in findings] == ["warning"]
    assert "lesson.quiz.json" in findings[0].message
    assert [q.id for q in load_quiz(lesson).questions] == ["q"]


JQ_KEYS = ["question", "type", "answers", "answer", "correct", "feedback", "value", "range",
           "precision", "code", "step", "id", "source", "fuzzy_threshold", "match_case",
           "answer_cols", "prompt", "questions"]
jq_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=32),
    st.text(max_size=12),
    st.sampled_from(["multiple_choice", "many_choice", "string", "numeric", "default",
                     "value", "opening-the-talks", "writing-it-down"]),
)
jq_data = st.recursive(
    jq_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(JQ_KEYS), st.text(max_size=4)), children,
                        max_size=6),
    ),
    max_leaves=30,
)

jq_answer = st.fixed_dictionaries({"correct": jq_scalars}, optional={
    key: jq_scalars for key in ("answer", "code", "value", "feedback", "type", "range",
                                "fuzzy_threshold", "match_case")})
jq_questions = st.lists(st.fixed_dictionaries(
    {"question": st.text(max_size=10), "type": jq_scalars},
    optional={"answers": st.one_of(st.lists(jq_answer, max_size=4), jq_scalars),
              "step": jq_scalars, "id": jq_scalars, "precision": jq_scalars,
              "code": jq_scalars, "source": jq_scalars}), max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(jq_data, jq_questions), indent=st.sampled_from([None, 1, "\t"]))
def test_any_json_quiz_gives_findings_or_quiz_error(tmp_path: Path, data_dir: Path,
                                                   data: object, indent: object) -> None:
    article = tmp_path / "lesson.md"
    if not article.exists():
        shutil.copy(data_dir / "lesson.md", article)
    (tmp_path / "lesson.quiz.json").write_text(json.dumps(data, indent=indent),  # type: ignore[arg-type]
                                               encoding="utf-8")
    lesson = load_lesson(article)
    findings = check_quiz(lesson)
    assert all(f.message.endswith((".", "?")) for f in findings), findings
    try:
        quiz = load_quiz(lesson)
    except QuizError:
        assert any(f.severity == "error" for f in findings)
        return
    for question in quiz.questions:
        assert question.grade(question.answer()).score == 1.0


def test_json_escapes_yaml_refuses_still_import(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    text = ('[{"question": "Who signs? \\ud83d\\ude00", "type": "string", '
            '"step": "writing-it-down", "answers": [{"answer": "both", "correct": true}]}]')
    (tmp_path / "lesson.quiz.json").write_text(text, encoding="utf-8")
    question = load_quiz(load_lesson(tmp_path / "lesson.md")).questions[0]
    assert question.prompt == "Who signs? \U0001f600" and question.grade("Both").correct


def test_jupyterquiz_shape_in_yaml_points_to_json(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.yaml").write_text(
        "- question: Who opens the talks?\n  type: multiple_choice\n  answers:\n"
        "    - {answer: The mediator, correct: true}\n", encoding="utf-8")
    findings = check_quiz(load_lesson(tmp_path / "lesson.md"))
    typed = [f for f in findings if "unknown type" in f.message]
    assert [f.line for f in typed] == [2]
    assert "save the quiz as JSON in `<article>.quiz.json`" in typed[0].message


def test_misnamed_questions_key_is_one_finding(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "lesson.md", tmp_path / "lesson.md")
    (tmp_path / "lesson.quiz.yaml").write_text("mastery: 0.5\nquestion:\n  - id: a\n",
                                               encoding="utf-8")
    findings = check_quiz(load_lesson(tmp_path / "lesson.md"))
    assert [(f.line, "did you mean `questions`?" in f.message) for f in findings] == [(2, True)]
