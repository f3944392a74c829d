"""Grading of every question kind, built directly (no files, no kernel)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from mediation_lessons.errors import ResponseError
from mediation_lessons.quiz.model import (
    Choice,
    Fill,
    Matching,
    MultipleSelect,
    Ordering,
    Pair,
    Reflection,
    SingleChoice,
    TrueFalse,
)

COMMON = {"step": "s", "prompt": "Q?", "source": "quote"}


def single() -> SingleChoice:
    return SingleChoice(id="q-single", choices=(
        Choice("Neutral place", True, "Yes, neutral."),
        Choice("Courtroom", False, "Not a court."),
        Choice("Home", False, ""),
    ), feedback_wrong="Think about neutrality.", **COMMON)


def multiple() -> MultipleSelect:
    return MultipleSelect(id="q-multi", choices=(
        Choice("Listening", True), Choice("Questions", True), Choice("Brainstorming", True),
        Choice("Ruling", False, "Mediators do not rule."), Choice("Cross-examining", False),
    ), **COMMON)


def ids(question: SingleChoice | MultipleSelect) -> dict[str, str]:
    """Option text -> id, read from the view as a widget would."""
    return {option.text: option.id for option in question.view("x").options}


# single choice ------------------------------------------------------------------


def test_single_correct_and_each_wrong_option_feedback() -> None:
    q, by_text = single(), ids(single())
    right = q.grade(by_text["Neutral place"])
    assert (right.correct, right.score, right.message) == (True, 1.0, "Yes, neutral.")
    wrong = q.grade(by_text["Courtroom"])
    assert (wrong.correct, wrong.score, wrong.message) == (False, 0.0, "Not a court.")
    assert wrong.detail[0].part == by_text["Courtroom"] and not wrong.detail[0].correct
    # An option without its own feedback falls back to the question's.
    assert q.grade(by_text["Home"]).message == "Think about neutrality."


@pytest.mark.parametrize("response", [0, None, ["x"], b"id", {"id": 1}, 1.5, True])
def test_single_rejects_non_string(response: object) -> None:
    with pytest.raises(ResponseError, match="single-choice"):
        single().grade(response)


def test_single_rejects_unknown_and_positional_ids() -> None:
    for response in ("nope", "0", "1", "Neutral place"):
        with pytest.raises(ResponseError, match="not an option"):
            single().grade(response)


def test_option_ids_are_opaque_and_position_independent() -> None:
    q = single()
    reordered = SingleChoice(id=q.id, choices=tuple(reversed(q.choices)), **COMMON)
    assert ids(q) == ids(reordered)
    assert all(len(i) == 12 and not i.isdigit() for i in ids(q).values())
    other = SingleChoice(id="q-other", choices=q.choices, **COMMON)
    assert set(ids(other).values()).isdisjoint(ids(q).values())


# multiple select ---------------------------------------------------------------------


def test_multiple_full_partial_and_penalised_credit() -> None:
    q, t = multiple(), ids(multiple())
    assert q.grade([t["Listening"], t["Questions"], t["Brainstorming"]]).score == 1.0
    assert q.grade({t["Listening"], t["Questions"], t["Brainstorming"]}).correct
    two = q.grade([t["Listening"], t["Questions"]])
    assert not two.correct and two.score == pytest.approx(2 / 3)
    mixed = q.grade([t["Listening"], t["Questions"], t["Ruling"]])
    assert mixed.score == pytest.approx(2 / 3 - 1 / 2)
    assert "Mediators do not rule." in mixed.message
    assert q.grade([t["Listening"], t["Ruling"], t["Cross-examining"]]).score == 0.0
    everything = q.grade(list(t.values()))
    assert not everything.correct and everything.score == 0.0
    assert q.grade([]).score == 0.0


def test_multiple_detail_covers_only_picked_options() -> None:
    q, t = multiple(), ids(multiple())
    feedback = q.grade([t["Listening"], t["Ruling"]])
    assert {(p.part, p.correct) for p in feedback.detail} == {
        (t["Listening"], True), (t["Ruling"], False)}


@pytest.mark.parametrize("response", ["abc", None, 3, {"a": 1}, [1, 2], [None]])
def test_multiple_rejects_malformed(response: object) -> None:
    with pytest.raises(ResponseError):
        multiple().grade(response)


def test_multiple_rejects_unknown_id() -> None:
    t = ids(multiple())
    with pytest.raises(ResponseError, match="not an option"):
        multiple().grade([t["Listening"], "zzz"])


# true / false ---------------------------------------------------------------------


def test_truefalse_both_ways() -> None:
    q = TrueFalse(id="tf", truth=False, feedback_true="It is false.", feedback_false="Yes.",
                  **COMMON)
    assert q.grade(False) == q.grade(False) and q.grade(False).correct
    wrong = q.grade(True)
    assert (wrong.correct, wrong.score, wrong.message) == (False, 0.0, "It is false.")
    assert [o.id for o in q.view().options] == ["true", "false"]


@pytest.mark.parametrize("response", [0, 1, "true", "False", None, [True]])
def test_truefalse_needs_real_bool(response: object) -> None:
    with pytest.raises(ResponseError, match="True or False"):
        TrueFalse(id="tf", truth=True, **COMMON).grade(response)


# ordering ---------------------------------------------------------------------------


def ordering() -> Ordering:
    return Ordering(id="order", items=("prepare", "meet", "discuss", "agree"), **COMMON)


def test_ordering_pairwise_credit() -> None:
    q = ordering()
    key = q.answer()
    assert q.grade(key).correct and q.grade(tuple(key)).score == 1.0
    swapped = [key[1], key[0], key[2], key[3]]
    feedback = q.grade(swapped)
    assert not feedback.correct and feedback.score == pytest.approx(5 / 6)
    assert feedback.message.startswith("2 of 4 items")
    assert q.grade(list(reversed(key))).score == 0.0


def test_ordering_view_never_shows_answer_order() -> None:
    q = Ordering(id="two", items=("first", "second"), **COMMON)
    for seed in range(50):
        assert [o.text for o in q.view(seed).items] == ["second", "first"]
    big = ordering()
    orders = {tuple(o.text for o in big.view(seed).items) for seed in range(30)}
    assert ("prepare", "meet", "discuss", "agree") not in orders and len(orders) > 3
    assert big.view("ann") == big.view("ann")


@pytest.mark.parametrize("mutate", [
    lambda k: k[:-1], lambda k: [*k, k[0]], lambda k: [k[0], *k[:-1]], lambda k: set(k),
    lambda k: "".join(k), lambda k: [*k[:-1], "bogus"], lambda k: None,
])
def test_ordering_rejects_malformed(mutate: object) -> None:
    q = ordering()
    with pytest.raises(ResponseError):
        q.grade(mutate(q.answer()))  # type: ignore[operator]


# matching ---------------------------------------------------------------------------


def matching() -> Matching:
    return Matching(id="match", pairs=(
        Pair("Active listening", "Understand each side", "Listening is about understanding."),
        Pair("Brainstorming", "Generate options"),
        Pair("Asking questions", "Clarify the issues"),
    ), distractors=("Decide the winner",), **COMMON)


def test_matching_partial_credit_and_pair_feedback() -> None:
    q = matching()
    key = q.answer()
    assert q.grade(key).correct and q.grade(key).score == 1.0
    view = q.view("s")
    left = {o.text: o.id for o in view.left}
    right = {o.text: o.id for o in view.right}
    assert len(right) == 4  # the distractor is offered too
    response = dict(key)
    response[left["Active listening"]] = right["Decide the winner"]
    feedback = q.grade(response)
    assert feedback.score == pytest.approx(2 / 3) and not feedback.correct
    assert "Listening is about understanding." in feedback.message
    partial = {left["Brainstorming"]: right["Generate options"], left["Asking questions"]: None}
    assert q.grade(partial).score == pytest.approx(1 / 3)
    assert q.grade({}).score == 0.0


def test_matching_choices_never_line_up_with_items() -> None:
    q = matching()
    for seed in range(40):
        view = q.view(seed)
        pair_of = {p.left: p.right for p in q.pairs}
        assert [o.text for o in view.right][:3] != [pair_of[o.text] for o in view.left]


@pytest.mark.parametrize("response", [[], "x", None, {"bogus": None}])
def test_matching_rejects_malformed(response: object) -> None:
    with pytest.raises(ResponseError):
        matching().grade(response)


def test_matching_rejects_unknown_right_id() -> None:
    q = matching()
    first = next(iter(q.answer()))
    for bad in ("bogus", 3, ["x"]):
        with pytest.raises(ResponseError):
            q.grade({first: bad})


# fill in the blank -----------------------------------------------------------------


def test_fill_variants_case_space_quotes() -> None:
    q = Fill(id="fill", answers=("separately", "one at a time"), **COMMON)
    for given in ("separately", "  SEPARATELY. ", "One  at a\ttime", "\u201cseparately\u201d"):
        assert q.grade(given).correct, given
    assert not q.grade("together").correct and q.grade("together").score == 0.0
    assert not q.grade("seperately").correct  # no fuzzy matching unless asked
    empty = q.grade("   ")
    assert not empty.correct and "empty" in empty.message


def test_fill_fuzzy_threshold() -> None:
    q = Fill(id="fill", answers=("listening",), fuzzy=0.85, **COMMON)
    assert q.grade("listning").correct and q.grade("listning").score == 1.0
    assert not q.grade("lists").correct
    strict = Fill(id="fill", answers=("listening",), fuzzy=0.99, **COMMON)
    assert not strict.grade("listning").correct


@pytest.mark.parametrize("response", [None, 3, ["separately"], {"text": "x"}])
def test_fill_rejects_non_text(response: object) -> None:
    with pytest.raises(ResponseError, match="text"):
        Fill(id="fill", answers=("a",), **COMMON).grade(response)


# reflection -------------------------------------------------------------------------


def test_reflection_shows_model_answer_then_takes_rating() -> None:
    q = Reflection(id="r", model_answer="Name both goals.", **COMMON)
    first = q.grade({"text": "My thoughts"})
    assert not first.correct and "Name both goals." in first.message
    rated = q.grade({"text": "My thoughts", "rating": 0.5})
    assert rated.correct and rated.score == 0.5
    assert not q.graded and q.view().graded is False and q.max_tries == 1


@pytest.mark.parametrize("response", [
    "text", None, {"rating": 1}, {"text": ""}, {"text": "x", "rating": 2},
    {"text": "x", "rating": "1"}, {"text": "x", "rating": True}, {"text": "x", "extra": 1},
])
def test_reflection_rejects_malformed(response: object) -> None:
    with pytest.raises(ResponseError):
        Reflection(id="r", model_answer="m", **COMMON).grade(response)


# safety -----------------------------------------------------------------------------


def test_view_html_is_sanitized() -> None:
    q = SingleChoice(
        id="xss",
        step="s",
        source="q",
        prompt="Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        choices=(Choice("<b onmouseover=alert(1)>bold</b>", True),
                 Choice("[link](javascript:alert(2))")),
    )
    view = q.view()
    html = view.prompt + "".join(o.html for o in view.options)
    tags = Tags()
    tags.feed(html)
    assert "script" not in tags.names and "img" not in tags.names
    assert not [a for a in tags.attributes if a[0].startswith("on")]
    assert not [a for a in tags.attributes if "javascript" in (a[1] or "")]
    assert "bold" in html


class Tags(HTMLParser):
    """Collects tag names and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)
        self.attributes.extend(attrs)


def test_fill_rejects_overlong_answer() -> None:
    q = Fill(id="fill", answers=("a",), fuzzy=0.5, **COMMON)
    with pytest.raises(ResponseError, match="at most"):
        q.grade("x" * 5000)
