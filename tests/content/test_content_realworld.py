"""Real-world article shapes: field aliases, dates, step titles, hostile sizes, lost text."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.content.budget import MAX_MARKUP_UNITS, markup_units
from mediation_lessons.content.fields import field_of, parse_date
from mediation_lessons.content.sections import step_title, unique_slugs
from mediation_lessons.errors import ArticleError, FrontmatterError
from mediation_lessons.loader import lesson_from_bytes, lesson_from_text

PATH = Path(__file__).parent / "data" / "generated.md"


@pytest.mark.parametrize(("value", "expected", "noted"), [
    ("2022-07-09", datetime(2022, 7, 9), False),
    ("2022-07-09T06:15:49.018Z", datetime(2022, 7, 9, 6, 15, 49, 18000, timezone.utc), False),
    ("2021-03-04 10:00:00 +0100",
     datetime.fromisoformat("2021-03-04T10:00:00+01:00"), False),
    ("2021-03-04 10:00", datetime(2021, 3, 4, 10, 0), False),
    ("2021-03-04 10:00:00 UTC", datetime(2021, 3, 4, 10, tzinfo=timezone.utc), False),
    ("July 9, 2022", datetime(2022, 7, 9), False),
    ("9 Jul 2022", datetime(2022, 7, 9), False),
    ("2022/07/09", datetime(2022, 7, 9), False),
    (1656000000, datetime(2022, 6, 23, 16, 0, tzinfo=timezone.utc), True),
    (1656000000000, datetime(2022, 6, 23, 16, 0, tzinfo=timezone.utc), True),
    (2022, datetime(2022, 1, 1), True),
    ("2022-13-45", None, False), ("soon", None, False), (True, None, False),
    (12, None, False), ([2022], None, False), ("2021-02-30 10:00", None, False),
])
def test_parse_date(value: object, expected: datetime | None, noted: bool) -> None:
    when, note = parse_date(value)
    assert when == expected
    assert bool(note) == noted


@pytest.mark.parametrize(("key", "field"), [
    ("title", "title"), ("Title", "title"), ("TITLE", "title"), ("created_at", "createdAt"),
    ("CreatedAt", "createdAt"), ("created-at", "createdAt"), ("date", "createdAt"),
    ("lastmod", "updatedAt"), ("last_modified_at", "updatedAt"), ("description", "summary"),
    ("excerpt", "summary"), ("image", "imageSrc"), ("cover_image", "imageSrc"),
    ("weight", "order"), ("nav_order", "order"), ("tags", None), ("layout", None),
    ("quiz", None), ("published", None),
])
def test_field_aliases(key: str, field: str | None) -> None:
    found = field_of(key)
    assert (found[0] if found else None) == field


@pytest.mark.parametrize(("heading", "title"), [
    ("1. Prepare", "Prepare"), ("2) Open", "Open"), ("Step 3: Talk", "Talk"),
    ("STEP 4 - Agree", "Agree"), ("Part 5 – Sign", "Sign"), ("Step 6", "Step 6"),
    ("2020: a year of change", "2020: a year of change"), ("10 tips", "10 tips"),
    ("1.5 million cases", "1.5 million cases"), ("Stepping back", "Stepping back"),
    ("1.", "1."),
])
def test_step_title_drops_numbering(heading: str, title: str) -> None:
    assert step_title(heading) == title


def test_unique_slugs_for_many_repeats() -> None:
    slugs = unique_slugs(["Same"] * 5000 + ["same-2"])
    assert len(set(slugs)) == len(slugs) == 5001
    assert slugs[:3] == ["same", "same-2", "same-3"]


def _article(body: str, front: str = "title: Hostile") -> bytes:
    return f"---\n{front}\n---\n\n## Step\n\n{body}\n".encode()


@pytest.mark.parametrize("piece", ["[a](", "![", "*_", "<div>\n", "- - - - a\n", "> 1. > - a\n",
                                   "a\n"])
def test_over_the_work_limit_is_a_clear_error(piece: str) -> None:
    body = piece * MAX_MARKUP_UNITS
    with pytest.raises(ArticleError) as caught:
        lesson_from_bytes(_article(body), PATH)
    message = caught.value.message
    assert "too large to format quickly" in message and "50,000" in message
    assert "Split it" in message and caught.value.line == 4  # the body's first line


def test_limit_counts_frontmatter_text_too() -> None:
    intro = "intro: '" + "[a](" * (MAX_MARKUP_UNITS + 1) + "'"
    with pytest.raises(ArticleError, match="in its intro") as caught:
        lesson_from_bytes(_article("Text.", "title: T\n" + intro), PATH)
    assert caught.value.line == 3


def test_large_plain_prose_is_within_the_limit() -> None:
    body = ("A long paragraph of plain prose, with commas and full stops. " * 3000 + "\n\n") * 10
    assert len(body) > 1_800_000
    lesson = lesson_from_bytes(_article(body), PATH)
    assert len(lesson.steps[0].text) > 1_800_000


@pytest.mark.slow
@pytest.mark.parametrize("piece", ["[a](", "<div>\n", "- - - - - a\n", "> - > - a\n"])
def test_worst_shapes_just_within_the_limit_load(piece: str) -> None:
    """Slow shapes load at the limit (their time is measured in benchmarks/bench_loader.py)."""
    head = "## Step\n\n"
    body = piece * MAX_MARKUP_UNITS
    low, high = 0, len(body)
    while low < high:  # the longest body within the limit (with the title's 3 units)
        middle = (low + high + 1) // 2
        if markup_units("\n" + head + body[:middle] + "\n") + 9 <= MAX_MARKUP_UNITS:
            low = middle
        else:
            high = middle - 1
    text = "---\ntitle: T\n---\n\n" + head + body[:low] + "\n"
    lesson = lesson_from_text(text, PATH)
    assert lesson.steps
    with pytest.raises(ArticleError, match="too large"):
        lesson_from_text(text + piece * 3, PATH)


def test_title_repeated_as_h1_is_dropped_other_h1_kept() -> None:
    text = "---\ntitle: The Title\n---\n\n# The title!\n\nIntro.\n\n## A\n\nText.\n"
    lesson = lesson_from_text(text, PATH)
    assert "The title" not in lesson.intro_markdown and "Intro." in lesson.intro_markdown
    assert "repeats the title" in lesson.warnings[0].message and lesson.warnings[0].line == 5
    other = lesson_from_text(text.replace("# The title!", "# Welcome"), PATH)
    assert "# Welcome" in other.intro_markdown and other.warnings == ()


def test_html_headings_mid_block_split_steps() -> None:
    text = ("---\ntitle: WP\n---\n\n<div><p>Lead.</p><h2 id=a>First <em>one</em></h2>"
            "<p>One.</p>\n<h2>Second</h2><p>Two.</p></div>\n")
    lesson = lesson_from_text(text, PATH)
    assert [step.title for step in lesson.steps] == ["First one", "Second"]
    assert "Lead." in lesson.intro_markdown
    assert lesson.steps[0].text == "One." and lesson.steps[1].text == "Two."
    assert lesson.steps[0].markdown == "<p>One.</p>"
    assert lesson.steps[1].markdown == "<p>Two.</p></div>"
    assert "<h2" not in lesson.steps[0].html


def test_title_that_is_a_list_or_mapping_names_its_shape() -> None:
    with pytest.raises(FrontmatterError, match="a list") as caught:
        lesson_from_text("---\nsummary: s\ntitle: [a, b]\n---\n\n## S\n\nT.\n", PATH)
    assert caught.value.line == 3
    with pytest.raises(FrontmatterError, match=r"a mapping \(of en, fr\)"):
        lesson_from_text("---\ntitle:\n  en: A\n  fr: B\n---\n\n## S\n\nT.\n", PATH)


def test_alias_with_another_sites_shape_is_kept_not_an_error() -> None:
    text = ("---\ntitle: T\ncover: {image: c.png}\ncategories: [a, b]\ndate: [1]\n---\n\n"
            "## S\n\nT.\n")
    lesson = lesson_from_text(text, PATH)
    assert lesson.extra == {"cover": {"image": "c.png"}, "categories": ["a", "b"], "date": [1]}
    assert lesson.image is None and lesson.category is None and lesson.created is None


WORD = st.from_regex(r"[a-z]{6,10}", fullmatch=True)
SHAPES = st.sampled_from([
    "## {w}", "##{w}", "# {w}", "### {w}", "{w}\n----", "{w}\n====", "<h2>{w}</h2>",
    "## 1. {w}", "## Step 2: {w}", "## **{w}**", "- {w}", "> {w}", "1. {w}", "| {w} |\n|---|",
    "```\n{w}\n```", "    {w}", "<div>{w}</div>", "<!-- {w} -->", "{w}", "*{w}* text",
    "[{w}](https://example.org)", "![{w}](https://example.org/a.png)", "{w}[^1]",
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SHAPES, WORD), min_size=1, max_size=15))
def test_no_text_is_lost(blocks: list[tuple[str, str]]) -> None:
    """Every word written outside a comment is in the title, intro, a step title or text."""
    body = "\n\n".join(shape.format(w=word) for shape, word in blocks)
    try:
        lesson = lesson_from_text("---\ntitle: Generated\n---\n\n" + body + "\n", PATH)
    except ArticleError as error:
        assert "no content" in error.message
        return
    seen = " ".join([lesson.title, lesson.intro_markdown,
                     *(step.title + " " + step.text for step in lesson.steps)])
    for shape, word in blocks:
        if "<!--" not in shape:
            assert re.search(rf"\b{word}\b", seen), (word, body)
    for step in lesson.steps:
        assert "<script" not in step.html


TEXT = st.text(alphabet=st.sampled_from(list("ab #*_[]()!<>`&\\-+1.|:\n\r\x00\t ")), max_size=200)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_parser_without_normalize_gives_the_same_html(text: str) -> None:
    from mediation_lessons.content.markdown import parser, parser_for

    assert parser_for(text).render(text) == parser().render(text)


def test_mdx_rules_spare_prose_and_code() -> None:
    text = ("---\ntitle: T\n---\n\nimport the documents from 'your drive'\n\n"
            "Use `<Button>` in code.\n\n## S\n\n```jsx\n<Card />\n```\n")
    lesson = lesson_from_text(text, PATH)
    assert lesson.warnings == ()
    assert "import the documents from 'your drive'" in lesson.intro_markdown
    mdx = text.replace("import the", "import Chart from './chart'\n\nimport the")
    lesson = lesson_from_text(mdx.replace("Use `<Button>`", "Use <Button kind='x'>"), PATH)
    assert [w.line for w in lesson.warnings] == [5, 9]
    assert "Chart" not in lesson.intro_markdown and "your drive" in lesson.intro_markdown
