"""The course app in a real browser against a real Voilà server.

The answer key comes from ``mediation-lessons export-quiz --format json``; the
tests answer right and wrong by option *text*, as a learner would. Each test
uses a learner name of its own (a cookie), so tests share one server and one
database without sharing progress.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.server import VoilaServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HERE = Path(__file__).parent
QUIZ_FILE = next(SHIPPED_COURSE.glob("*.quiz.yaml"), None)

Page = Any
Question = dict[str, Any]


# -- the answer key -----------------------------------------------------------


@pytest.fixture(scope="module")
def key() -> list[Question]:
    """Questions of the shipped lesson, with answers, as the CLI exports them."""
    result = subprocess.run(
        [sys.executable, "-m", "mediation_lessons", "export-quiz", str(SHIPPED_COURSE),
         "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    lessons = json.loads(result.stdout)["lessons"]
    return list(lessons[0]["questions"])


def by_kind(key: list[Question], kind: str, step: str | None = None) -> Question:
    return next(q for q in key if q["type"] == kind and (step is None or q["step"] == step))


def steps_of(key: list[Question]) -> list[str]:
    seen: list[str] = []
    for question in key:
        if question["step"] not in seen:
            seen.append(question["step"])
    return seen


# -- driving the page -----------------------------------------------------------


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".ml-course-card").first.wait_for(state="visible")


def open_lesson(page: Page) -> None:
    page.locator(".ml-course-card .ml-open").first.click()
    page.locator(".ml-step-nav").first.wait_for(state="visible")


def current_step(page: Page) -> str:
    return str(page.locator(".ml-step-nav .ml-current").first.inner_text())


def go_next(page: Page, number: int) -> None:
    """Click Next and wait until step ``number`` (1-based) is current."""
    page.locator(".ml-next").first.click()
    page.locator(".ml-step-nav .ml-current", has_text=f"{number}.").first.wait_for()


def question_box(page: Page, question: Question) -> Any:
    words = re.findall(r"[A-Za-z]+", question["prompt"])[:6]
    pattern = re.compile(r"\W+".join(words))
    box = page.locator(".ml-question", has=page.locator(".ml-prompt", has_text=pattern))
    box.first.wait_for(state="visible")
    return box.first


def option_text(question: Question, option_id: str, field: str = "options") -> str:
    return next(o["text"] for o in question[field] if o["id"] == option_id)


def wrong_option(question: Question) -> str:
    answer = question["answer"]
    right = set(answer) if isinstance(answer, list) else {answer}
    return next(o["text"] for o in question["options"] if o["id"] not in right)


def fill_response(box: Any, question: Question, right: bool) -> None:
    """Put a right or wrong response into the controls of ``box`` (no Check)."""
    kind = question["type"]
    if kind == "single":
        text = option_text(question, question["answer"]) if right else wrong_option(question)
        box.get_by_role("radio", name=text, exact=True).check()
    elif kind == "truefalse":
        value = question["answer"] if right else not question["answer"]
        box.get_by_role("radio", name="True" if value else "False", exact=True).check()
    elif kind == "multiple":
        chosen = {option_text(question, i) for i in question["answer"]} if right else {
            wrong_option(question)}
        for option in question["options"]:
            box_ = box.get_by_role("checkbox", name=option["text"], exact=True)
            box_.set_checked(option["text"] in chosen)
    elif kind == "matching":
        pairs = question["answer"]
        rights = [o["id"] for o in question["right"]]
        for left_id, right_id in pairs.items():
            if not right:  # shift every match by one: all wrong
                right_id = rights[(rights.index(right_id) + 1) % len(rights)]
            row = box.locator(".ml-match-item",
                              has_text=option_text(question, left_id, "left"))
            row.locator("select").select_option(label=option_text(question, right_id, "right"))
    elif kind == "ordering":
        target = [option_text(question, i, "items") for i in question["answer"]]
        if not right:
            target = target[1:] + target[:1]
        arrange(box, target)
    elif kind == "fill":
        box.locator(".ml-fill input").fill(question["answer"] if right else "zzzz")
    else:
        raise AssertionError(f"no driver for {kind}")


def arrange(box: Any, target: list[str]) -> None:
    """Reorder an ordering question with its Up buttons until it reads ``target``."""
    for position, text in enumerate(target):
        for _ in range(len(target)):
            shown = [t.split(". ", 1)[1] for t in box.locator(".ml-order-text").all_inner_texts()]
            if shown.index(text) == position:
                break
            before = shown
            box.locator(".ml-order-item", has_text=text).locator(".ml-up").click()
            box.locator(".ml-order-text").first.wait_for()
            _wait_changed(box, before)


def _wait_changed(box: Any, before: list[str]) -> None:
    for _ in range(100):
        now = [t.split(". ", 1)[1] for t in box.locator(".ml-order-text").all_inner_texts()]
        if now != before:
            return
        box.page.wait_for_timeout(50)
    raise AssertionError("the order did not change")


def check(box: Any, question: Question, right: bool) -> str:
    """Answer right or wrong, check, and return the feedback's text once shown."""
    fill_response(box, question, right)
    wanted = ".ml-feedback-correct" if right else ".ml-feedback-wrong"
    if question["type"] == "fill":
        box.locator(".ml-fill input").press("Enter")
    else:
        box.locator(".ml-check").click()
    feedback = box.locator(f".ml-feedback {wanted}")
    feedback.wait_for(state="visible")
    return str(feedback.inner_text())


# -- tests --------------------------------------------------------------------


def test_walk_the_lesson_answer_every_kind_and_see_the_summary(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str,
    key: list[Question], screenshot: Callable[..., Path],
) -> None:
    page, watch = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    screenshot(page, "course-page")
    open_lesson(page)
    steps = steps_of(key)
    assert "1." in current_step(page)
    assert page.locator(".ml-step-nav .ml-step-btn").count() == len(steps) == 6

    wrong_then_right = {"single", "multiple", "matching", "fill", "ordering"}
    done_kinds: set[str] = set()
    truefalse_seen = 0
    for number, step in enumerate(steps, 1):
        if number > 1:
            go_next(page, number)
        for question in [q for q in key if q["step"] == step]:
            kind = question["type"]
            if kind in done_kinds or kind == "reflection":
                continue
            box = question_box(page, question)
            if kind == "truefalse":  # one try each: one right here, one wrong later
                text = check(box, question, right=truefalse_seen == 0)
                truefalse_seen += 1
                assert ("Correct" in text) == (truefalse_seen == 1)
                if truefalse_seen == 2:
                    done_kinds.add(kind)
                continue
            if kind in wrong_then_right:
                wrong = check(box, question, right=False)
                assert "Not quite" in wrong or "Partly" in wrong
                assert "Try again" in wrong
                assert box.locator(".ml-explanation").count() == 0
                right = check(box, question, right=True)
                assert "Correct" in right
                assert box.locator(".ml-explanation").first.is_visible()
                done_kinds.add(kind)
                if kind == "single":
                    screenshot(page, "step-with-feedback", ".ml-step-questions")
    assert done_kinds == {"single", "multiple", "truefalse", "matching", "fill", "ordering"}

    page.locator(".ml-next", has_text="summary").click()
    summary = page.locator(".ml-summary")
    summary.wait_for(state="visible")
    assert "Lesson summary" in summary.inner_text()
    assert "Overall score" in summary.inner_text()
    screenshot(page, "summary", ".ml-lesson")
    assert watch.errors == []
    assert watch.dialogs == []


def test_reload_resumes_at_the_same_step_with_answers_shown(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, _ = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    open_lesson(page)
    go_next(page, 2)
    question = by_kind(key, "single", steps_of(key)[1])
    check(question_box(page, question), question, right=True)

    page.reload()
    open_app(page, app_server.url)
    open_lesson(page)
    assert "2." in current_step(page)
    box = question_box(page, question)
    assert "Correct" in box.locator(".ml-feedback").inner_text()
    chosen = box.get_by_role("radio", name=option_text(question, question["answer"]), exact=True)
    assert chosen.is_checked()
    assert chosen.is_disabled()


def test_a_saved_name_is_remembered_by_the_browser(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, _ = new_page()
    open_app(page, app_server.url)
    page.locator(".ml-learner-input input").fill(learner)
    page.locator(".ml-learner-save").click()
    page.locator(".ml-learner", has_text=f"Learning as {learner}").wait_for()
    open_lesson(page)
    go_next(page, 2)

    page.reload()
    open_app(page, app_server.url)
    page.locator(".ml-learner", has_text=f"Learning as {learner}").wait_for()
    assert page.locator(".ml-learner-input input").input_value() == learner
    open_lesson(page)
    assert "2." in current_step(page)


def test_restarted_server_resumes_progress(
    start_server: Callable[..., VoilaServer], new_page: Callable[..., Any], learner: str,
    key: list[Question], tmp_path: Path,
) -> None:
    db = tmp_path / "progress.sqlite3"
    first = start_server(course=SHIPPED_COURSE, db=db)
    page, _ = new_page(first.url, learner)
    open_app(page, first.url)
    open_lesson(page)
    go_next(page, 2)
    go_next(page, 3)
    question = by_kind(key, "fill", steps_of(key)[2])
    check(question_box(page, question), question, right=True)
    first.stop()

    second = start_server(course=SHIPPED_COURSE, db=db)
    page, _ = new_page(second.url, learner)
    open_app(page, second.url)
    open_lesson(page)
    assert "3." in current_step(page)
    box = question_box(page, question)
    assert box.locator(".ml-fill input").input_value() == question["answer"]
    assert "Correct" in box.locator(".ml-feedback").inner_text()


def _secrets(key: list[Question], step: str) -> list[str]:
    """Texts that only grading may reveal: explanations, hints, per-option feedback."""
    texts = []
    for question in key:
        if question["step"] != step:
            continue
        texts.append(question["explanation"])
        texts.extend(question.get("hints", []))
    if QUIZ_FILE is not None:
        authored = yaml.safe_load(QUIZ_FILE.read_text(encoding="utf-8"))
        for question in authored.get("questions", []):
            if question.get("step") == step:
                texts.extend(o["feedback"] for o in question.get("options", [])
                             if isinstance(o, dict) and o.get("feedback"))
    return [longest_plain_run(text) for text in texts if text]


def longest_plain_run(text: str) -> str:
    """The longest run of letters, digits and spaces: unchanged by HTML or JSON escaping."""
    runs = re.findall(r"[A-Za-z0-9 ]+", text)
    return max(runs, key=len).strip()


def test_answer_key_does_not_reach_the_browser_before_checking(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, watch = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    open_lesson(page)
    step = steps_of(key)[0]
    question = by_kind(key, "single", step)
    box = question_box(page, question)
    fill_response(box, question, right=True)
    page.wait_for_timeout(500)

    traffic = "\n".join(watch.received + watch.sent)
    html = page.content()
    secrets = [s for s in _secrets(key, step) if len(s) >= 12]
    assert secrets, "the key has explanations to look for"
    for secret in secrets:
        assert secret not in traffic, f"sent before checking: {secret!r}"
        assert secret not in html, f"in the page before checking: {secret!r}"
    for marker in ('"correct"', '"answer"', "✓ Correct", "Not quite"):
        assert marker not in traffic
    assert not re.search(r'class=\\?"ml-feedback-(correct|wrong)', traffic)
    assert 'class="ml-feedback-correct"' not in html
    for q in (q for q in key if q["step"] == step and "options" in q):
        answers = set(q["answer"]) if isinstance(q["answer"], list) else {q["answer"]}
        sent = {o["id"] for o in q["options"] if o["id"] in traffic}
        assert not sent or sent == {o["id"] for o in q["options"]}, "answer ids singled out"
        assert not answers & sent or len(sent) == len(q["options"])
    # All options of a question are rendered alike: same attributes but the label.
    labels = box.locator(".widget-radio-box label")
    shapes = {re.sub(r">[^<]*<", "><", re.sub(r'(value|data-value)="[^"]*"', "", h))
              for h in labels.evaluate_all("els => els.map(e => e.outerHTML)")}
    assert len(shapes) == 1

    # The monitor sees feedback once the learner checks: it could have seen a leak.
    box.locator(".ml-check").click()
    box.locator(".ml-feedback .ml-feedback-correct").wait_for()
    page.wait_for_timeout(300)
    after = "\n".join(watch.received)
    assert any(secret in after for secret in secrets)


def _focus_into(page: Page, targets: Any, key: str = "Tab", limit: int = 200) -> None:
    """Press ``key`` until the focus is on one of ``targets``."""
    for _ in range(limit):
        page.keyboard.press(key)
        if targets.evaluate_all("els => els.includes(document.activeElement)"):
            return
    raise AssertionError(f"{key} never reached {targets}")


def _labels(radios: Any) -> list[str]:
    return list(radios.evaluate_all("rs => rs.map(r => r.parentElement.innerText.trim())"))


def _checked(radios: Any) -> list[str]:
    return list(radios.evaluate_all(
        "rs => rs.filter(r => r.checked).map(r => r.parentElement.innerText.trim())"))


def _arrow_to(page: Page, radios: Any, label: str) -> None:
    """With the focus on a checked radio of ``radios``, move the choice to ``label`` with
    as many Arrow Down or Arrow Up presses as the options' order on screen needs."""
    labels = _labels(radios)
    [current] = _checked(radios)
    steps = labels.index(label) - labels.index(current)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert radios.evaluate_all("els => els.includes(document.activeElement)")
    assert _checked(radios) == [label]


def test_keyboard_only_answering(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, _ = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    open_lesson(page)
    question = by_kind(key, "single", steps_of(key)[0])
    box = question_box(page, question)
    radios = box.get_by_role("radio")
    check_button = box.locator(".ml-check")

    page.locator(".ml-step-nav .ml-step-btn").last.focus()
    _focus_into(page, radios)
    page.keyboard.press("Space")
    _arrow_to(page, radios, wrong_option(question))
    _focus_into(page, check_button, limit=20)
    page.keyboard.press("Enter")
    box.locator(".ml-feedback .ml-feedback-wrong").wait_for(state="visible")

    _focus_into(page, radios, key="Shift+Tab", limit=20)
    _arrow_to(page, radios, option_text(question, question["answer"]))
    _focus_into(page, check_button, limit=20)
    page.keyboard.press("Space")
    box.locator(".ml-feedback .ml-feedback-correct").wait_for(state="visible")


def test_arrow_keys_stay_inside_one_question(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, watch = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    open_lesson(page)
    step = steps_of(key)[0]
    single, truefalse = by_kind(key, "single", step), by_kind(key, "truefalse", step)
    box, other = question_box(page, single), question_box(page, truefalse)
    radios, others = box.get_by_role("radio"), other.get_by_role("radio")
    groups = [set(r.evaluate_all("rs => rs.map(r => r.name)")) for r in (radios, others)]
    assert all(len(g) == 1 and "" not in g for g in groups) and groups[0] != groups[1]

    labels = _labels(radios)
    page.locator(".ml-step-nav .ml-step-btn").last.focus()
    _focus_into(page, radios)
    page.keyboard.press("Space")
    assert _checked(radios) == [labels[0]]
    for _ in range(len(labels) * 2 + 1):  # past the last option, more than once round
        page.keyboard.press("ArrowDown")
        assert radios.evaluate_all("els => els.includes(document.activeElement)")
        assert len(_checked(radios)) == 1
        assert _checked(others) == []
    for _ in range(len(labels) + 1):
        page.keyboard.press("ArrowUp")
        assert _checked(others) == []

    # The choice made with arrows is the one the kernel grades.
    _arrow_to(page, radios, option_text(single, single["answer"]))
    box.locator(".ml-check").click()
    box.locator(".ml-feedback .ml-feedback-correct").wait_for(state="visible")
    assert other.locator(".ml-feedback .ml-feedback-correct, .ml-feedback .ml-feedback-wrong"
                         ).count() == 0
    assert watch.errors == []


def test_a_nameless_visitor_is_a_guest_of_their_own_and_a_reload_keeps_the_guest(
    app_server: VoilaServer, new_page: Callable[..., Any],
) -> None:
    first, _ = new_page()
    second, _ = new_page()
    names = []
    for page in (first, second):
        open_app(page, app_server.url)
        learner_box = page.locator(".ml-learner")
        learner_box.filter(has_text="Type your name and Save to keep your progress").wait_for()
        name = page.locator(".ml-learner-input input").input_value()
        assert re.fullmatch(r"Guest [0-9a-f]{6}", name)
        assert f"Learning as {name}" in learner_box.inner_text()
        names.append(name)
    assert names[0] != names[1]
    for page, name in zip((first, second), names, strict=True):
        page.wait_for_function("document.cookie.includes('mediation_learner=')")
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookies.get("mediation_learner") == quote(name, safe="")

    open_lesson(first)
    go_next(first, 2)
    open_lesson(second)
    assert "1." in current_step(second)  # the first guest's progress is not the second's

    first.reload()
    open_app(first, app_server.url)
    first.locator(".ml-learner", has_text=f"Learning as {names[0]}").wait_for()
    assert first.locator(".ml-learner-input input").input_value() == names[0]
    open_lesson(first)
    assert "2." in current_step(first)


def test_preheated_kernels_see_the_request_guest_or_cookie(
    start_server: Callable[..., VoilaServer], new_page: Callable[..., Any], learner: str,
    tmp_path: Path,
) -> None:
    """With ``--preheat`` the notebook runs before anyone connects: the learner must
    still come from the request (a fresh guest, or the browser's cookie)."""
    server = start_server(course=SHIPPED_COURSE, db=tmp_path / "progress.sqlite3",
                          preheat=True)
    page, _ = new_page()
    open_app(page, server.url)
    page.locator(".ml-learner", has_text="Type your name and Save").wait_for()
    guest = page.locator(".ml-learner-input input").input_value()
    assert re.fullmatch(r"Guest [0-9a-f]{6}", guest)
    page.wait_for_timeout(8000)  # let the pool preheat the next kernel
    known, _ = new_page(server.url, learner)
    open_app(known, server.url)
    known.locator(".ml-learner", has_text=f"Learning as {learner}").wait_for()
    assert known.locator(".ml-learner-input input").input_value() == learner


def test_the_page_title_names_the_app(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str,
) -> None:
    page, _ = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    assert page.title() == "Mediation lessons"


def _style(locator: Any, prop: str) -> str:
    return str(locator.evaluate(f"el => getComputedStyle(el).{prop}"))


def _middle(locator: Any) -> float:
    box = locator.bounding_box()
    return float(box["y"] + box["height"] / 2)


def test_options_hints_tries_and_the_accent_colour_look_consistent(
    app_server: VoilaServer, new_page: Callable[..., Any], learner: str, key: list[Question],
) -> None:
    page, _ = new_page(app_server.url, learner)
    open_app(page, app_server.url)
    open_lesson(page)
    step = steps_of(key)[0]
    single, multiple = by_kind(key, "single", step), by_kind(key, "multiple", step)
    radio_box, check_box = question_box(page, single), question_box(page, multiple)
    radio_text = radio_box.locator(".widget-radio-box label").first
    checkbox_text = check_box.locator(".widget-checkbox .widget-label-basic").first
    assert _style(radio_text, "fontWeight") == _style(checkbox_text, "fontWeight")
    assert _style(checkbox_text, "fontWeight") in ("400", "normal")
    tries, check_button = check_box.locator(".ml-tries"), check_box.locator(".ml-check")
    assert "Tries left" in tries.inner_text()
    assert abs(_middle(tries) - _middle(check_button)) <= 3

    hint = radio_box.locator(".ml-hint")
    assert hint.is_visible() and "Show hint" in hint.inner_text()
    check(radio_box, single, right=True)
    hint.wait_for(state="hidden")

    accent = _style(page.locator(".ml-progress-bar .progress-bar").first, "backgroundColor")
    page.locator(".ml-step-nav .ml-step-btn").last.click()
    page.locator(".ml-next", has_text="summary").click()
    bar = page.locator(".ml-summary .ml-bar > span").first
    bar.wait_for(state="attached")
    assert _style(bar, "backgroundColor") == accent


def test_the_app_fits_a_phone_screen(
    app_server: VoilaServer, browser: Any, learner: str,
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        context.add_cookies([{"name": "mediation_learner", "value": quote(learner, safe=""),
                              "url": app_server.url}])
        page = context.new_page()
        page.set_default_timeout(60_000)
        overflow = "() => document.documentElement.scrollWidth - window.innerWidth"
        open_app(page, app_server.url)
        assert page.evaluate(overflow) <= 1
        save = page.locator(".ml-learner-save").first
        assert save.evaluate("el => el.scrollWidth <= el.clientWidth")  # label not cut off
        card = page.locator(".ml-course-card").first.bounding_box()
        assert card["x"] >= 0 and card["x"] + card["width"] <= 391
        open_lesson(page)
        page.locator(".ml-question").first.wait_for(state="visible")
        assert page.evaluate(overflow) <= 1
        widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            '.ml-app .ml-question, .ml-app .ml-step-nav, .ml-app .ml-actions')]
            .map(el => el.getBoundingClientRect().right))""")
        assert widest <= 391
        for group in page.locator(".ml-question .widget-radio-box").all():
            boxes = [label.bounding_box() for label in group.locator("label").all()]
            for upper, lower in itertools.pairwise(boxes):
                assert upper["y"] + upper["height"] <= lower["y"] + 0.5  # options never overlap
            # Wrapped option text stays inside its label, the radio on its first line.
            assert group.locator("label").evaluate_all("""ls => ls.every(l =>
                l.scrollHeight <= l.clientHeight + 1 &&
                l.querySelector('input').getBoundingClientRect().top
                    < l.getBoundingClientRect().top + 12)""")
    finally:
        context.close()


EVIL_ARTICLE = """\
---
title: 'Evil <script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=1">'
summary: 'Sum <img src=x onerror="window.__pwned=2"> <a href="javascript:window.__pwned=3">a</a>'
intro: 'Intro <svg onload="window.__pwned=4"></svg> <script>alert("intro")</script>'
category: '<b onmouseover="window.__pwned=5">category</b>'
---

## First

Body text about mediation steps. <img src=x onerror="window.__pwned=6;alert(6)">
<iframe src="javascript:alert(7)"></iframe>
[click me](javascript:window.__pwned=8)
<a href="javascript:alert(9)">evil link</a>
<div style="background:url(javascript:alert(10))" onclick="alert(11)">styled</div>

## Second <script>window.__pwned = "heading"</script>

More text <details open ontoggle="window.__pwned=18">x</details>.
"""

EVIL_QUIZ = """\
questions:
  - id: evil-single
    step: first
    type: single
    prompt: 'Pick one <img src=x onerror="window.__pwned=12"> <script>alert(13)</script>'
    options:
      - text: 'Right <img src=x onerror="window.__pwned=14">'
        correct: true
      - text: '<script>alert(15)</script>Wrong'
        feedback: 'No <img src=x onerror="window.__pwned=19">'
    hints:
      - 'Hint <img src=x onerror="window.__pwned=16">'
    explanation: 'Because <script>alert(17)</script> it is.'
    source: Body text about mediation steps
"""

BROKEN_ARTICLE = "---\ntitle: [unclosed\nsummary: x\n---\n\n## Step\n\ntext\n"


def _no_script_ran(page: Page, watch: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert watch.dialogs == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('#rendered_cells *')]
        .flatMap(el => [...el.attributes].map(a => a.name + '=' + a.value))
        .filter(a => a.startsWith('on') || a.includes('javascript:'))""")
    assert handlers == []
    scripts = page.evaluate("""() => [...document.querySelectorAll('#rendered_cells script')]
        .map(s => s.textContent).filter(t => t.includes('pwned') || t.includes('alert('))""")
    assert scripts == []


def test_injected_article_runs_no_script_and_a_broken_one_shows_an_error_card(
    start_server: Callable[..., VoilaServer], new_page: Callable[..., Any], learner: str,
    tmp_path: Path,
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / "evil.md").write_text(EVIL_ARTICLE, encoding="utf-8")
    (course / "evil.quiz.yaml").write_text(EVIL_QUIZ, encoding="utf-8")
    (course / "broken.md").write_text(BROKEN_ARTICLE, encoding="utf-8")
    server = start_server(course=course, db=tmp_path / "progress.sqlite3")
    page, watch = new_page(server.url, learner)
    open_app(page, server.url)
    error_card = page.locator(".ml-error-card").first
    error_card.wait_for(state="visible")
    assert "broken.md" in error_card.inner_text()
    assert "line" in error_card.inner_text()
    assert page.locator(".ml-course-card").count() == 1
    page.locator(".ml-course-card").first.hover()
    _no_script_ran(page, watch)

    open_lesson(page)
    page.get_by_text("category").first.hover()
    page.get_by_text("evil link").first.click()
    box = page.locator(".ml-question").first
    box.locator(".ml-hint").click()
    box.locator(".ml-hints .ml-hint-text").wait_for()
    box.get_by_role("radio", name="Wrong", exact=False).check()
    box.locator(".ml-check").click()
    box.locator(".ml-feedback .ml-feedback-wrong").wait_for()
    box.get_by_role("radio", name="Right", exact=False).check()
    box.locator(".ml-check").click()
    box.locator(".ml-feedback .ml-feedback-correct").wait_for()
    box.locator(".ml-explanation").wait_for()
    go_next(page, 2)
    page.wait_for_timeout(300)
    _no_script_ran(page, watch)
    assert watch.errors == []
