"""Loading the shipped article, course folders and awkward paths."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

import mediation_lessons as ml
from mediation_lessons.errors import ArticleError, LessonError
from mediation_lessons.loader import lesson_from_bytes, load_course, load_lesson

SEED = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
STEP_TITLES = [
    "What Are The Steps of Mediation?",
    "Holding the Mediation Session(s)",
    "Helping the Parties Discuss and Identify Issues",
    "Helping the Parties Develop Mediation Strategies",
    "Helping the Parties Reach an Agreement During Mediation",
    "Conclusion",
]


def article(title: str, *, order: int | None = None, body: str = "## Step\n\nText.\n") -> str:
    front = f"title: {title}\n" + (f"order: {order}\n" if order is not None else "")
    return f"---\n{front}---\n\n{body}"


def test_seed_loads_repaired() -> None:
    lesson = load_lesson(SEED)
    assert lesson.title == "What are the steps of mediation?"
    assert [step.title for step in lesson.steps] == STEP_TITLES
    assert len({step.slug for step in lesson.steps}) == 6
    conclusion = lesson.step("conclusion")
    assert "better future together" in conclusion.text
    assert "binding and enforceable in court" in conclusion.text
    assert conclusion.line == 56
    everything = " ".join([lesson.title, lesson.summary, lesson.intro_markdown, lesson.intro_html,
                           *(s.text + s.markdown + s.html for s in lesson.steps)])
    assert "â€" not in everything
    assert "there’s" in lesson.intro_markdown
    assert lesson.image is not None and lesson.image.startswith("data:image/webp;base64,")
    data = base64.b64decode(lesson.image.split(",", 1)[1])
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert lesson.category == "life"
    assert lesson.created is not None and lesson.created.year == 2022
    messages = " ".join(w.message for w in lesson.warnings)
    for needle in ("mojibake", "appears twice", "malformed image data URI", "does not exist"):
        assert needle in messages
    assert all(w.line is not None for w in lesson.warnings)


def test_seed_step_text_is_plain() -> None:
    lesson = load_lesson(SEED)
    for step in lesson.steps:
        assert "<" not in step.text and "##" not in step.text
        assert step.text.split()[:3] == step.markdown.split()[:3]


def test_shipped_course() -> None:
    course = load_course(ml.SHIPPED_COURSE)
    assert course.title == "Mediation"
    assert [lesson.slug for lesson in course.lessons] == ["what-are-the-steps-of-mediation"]
    assert course.errors == ()
    assert course.lesson("what-are-the-steps-of-mediation").title.startswith("What")


def test_course_order_errors_and_ignored_files(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("title: Conflict  basics\n")
    (tmp_path / "b.md").write_text(article("Bee"))
    (tmp_path / "a.md").write_text(article("Ay"))
    (tmp_path / "z.md").write_text(article("Zed first", order=1))
    (tmp_path / "y.md").write_text(article("Why second", order=2))
    (tmp_path / "broken.md").write_text("---\ntitle: [\n---\n")
    (tmp_path / "README.md").write_text("# About this folder\n")
    (tmp_path / ".hidden.md").write_text(article("Hidden"))
    (tmp_path / "a.quiz.yaml").write_text("questions: []\n")
    (tmp_path / "notes.txt").write_text("not an article")
    (tmp_path / "sub.md").mkdir()
    course = load_course(tmp_path)
    assert course.title == "Conflict basics"
    assert [lesson.title for lesson in course.lessons] == ["Zed first", "Why second", "Ay", "Bee"]
    assert [Path(str(error.path)).name for error in course.errors] == ["broken.md"]
    assert course.errors[0].line == 2
    assert course.warnings == ()


def test_course_duplicate_slugs(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("---\ntitle: One\nslug: same\n---\n\n## S\n\nText.\n")
    (tmp_path / "two.md").write_text("---\ntitle: Two\nslug: same\n---\n\n## S\n\nText.\n")
    course = load_course(tmp_path)
    assert [lesson.title for lesson in course.lessons] == ["One"]
    assert len(course.errors) == 1 and "already used by one.md" in course.errors[0].message


def test_course_title_from_folder_and_bad_course_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "conflict-resolution_101"
    folder.mkdir()
    assert load_course(folder).title == "Conflict resolution 101"
    (folder / "course.yaml").write_text("title: [unclosed\n")
    course = load_course(folder)
    assert course.title == "Conflict resolution 101"
    assert len(course.warnings) == 1 and "not valid YAML" in course.warnings[0].message
    (folder / "course.yaml").write_text("- a list\n")
    assert "no `title:`" in load_course(folder).warnings[0].message


@pytest.mark.parametrize("make", ["missing", "file"])
def test_course_needs_a_folder(tmp_path: Path, make: str) -> None:
    target = tmp_path / "x.md"
    if make == "file":
        target.write_text(article("X"))
    with pytest.raises(ArticleError, match="not a folder"):
        load_course(target)


def test_directory_missing_and_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="folder, not an article"):
        load_lesson(tmp_path)
    with pytest.raises(ArticleError, match="does not exist"):
        load_lesson(tmp_path / "nope.md")
    (tmp_path / "file.md").write_text(article("F"))
    with pytest.raises(ArticleError, match="cannot be read"):
        load_lesson(tmp_path / "file.md" / "inner.md")


def test_permission_denied(tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    path = tmp_path / "locked.md"
    path.write_text(article("Locked"))
    path.chmod(0)
    with pytest.raises(ArticleError, match="permission denied"):
        load_lesson(path)


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(article("Big").encode() + b"word " * (2 * 1024 * 1024 // 5 + 10))
    with pytest.raises(ArticleError, match="2 MiB") as caught:
        load_lesson(path)
    assert caught.value.path == str(path)


def test_large_file_under_limit_loads(tmp_path: Path) -> None:
    sections = "".join(f"## Part {n}\n\n" + "Some words here. " * 600 + "\n\n" for n in range(180))
    path = tmp_path / "large.md"
    path.write_text(article("Large", body=sections))
    assert path.stat().st_size < 2 * 1024 * 1024
    lesson = load_lesson(path)
    assert len(lesson.steps) == 180
    assert lesson.steps[-1].slug == "part-179"


def test_image_file_inside_folder_is_embedded_symlink_out_is_not(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(GIF)
    text = article("Img").replace("title:", "imageSrc: pic.png\ntitle:")
    lesson = lesson_from_bytes(text.encode(), tmp_path / "a.md")
    assert lesson.image is not None and lesson.image.startswith("data:image/gif;base64,")
    assert "imageSrc" not in " ".join(w.message for w in lesson.warnings)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.gif").write_bytes(GIF)
    inner = tmp_path / "course"
    inner.mkdir()
    (inner / "link.gif").symlink_to(outside / "secret.gif")
    text = article("Img").replace("title:", "imageSrc: link.gif\ntitle:")
    lesson = lesson_from_bytes(text.encode(), inner / "a.md")
    assert lesson.image is None
    assert "outside the article's folder" in lesson.warnings[0].message
    text = article("Img").replace("title:", f"imageSrc: {outside / 'secret.gif'}\ntitle:")
    lesson = lesson_from_bytes(text.encode(), inner / "a.md")
    assert lesson.image is None


def test_site_rooted_image_src_stays_in_folder(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "p.gif").write_bytes(GIF)
    text = article("Img").replace("title:", "imageSrc: /articles/p.gif\ntitle:")
    lesson = lesson_from_bytes(text.encode(), tmp_path / "a.md")
    assert lesson.image is not None and lesson.image.startswith("data:image/gif")


def test_errors_are_lesson_errors_naming_file() -> None:
    with pytest.raises(LessonError) as caught:
        lesson_from_bytes(b"---\ntitle: x\n", "some/where.md")
    assert str(caught.value) == caught.value.to_finding().path + ":1: " + caught.value.message


def test_import_does_not_load_widgets_or_ipython() -> None:
    code = ("import sys, mediation_lessons as ml; ml.load_course(ml.SHIPPED_COURSE); "
            "print(sorted(m for m in ('ipywidgets', 'IPython', 'voila') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent)
    assert out.stdout.strip() == "[]"


def test_course_refuses_articles_linked_from_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(article("Secret"))
    course_dir = tmp_path / "course"
    course_dir.mkdir()
    (course_dir / "a.md").write_text(article("Inside"))
    (course_dir / "b.md").symlink_to(outside)
    (course_dir / "c.md").symlink_to(course_dir / "a.md")
    course = load_course(course_dir)
    assert [lesson.path.name for lesson in course.lessons] == ["a.md", "c.md"]
    assert [(Path(str(e.path)).name, "outside the course folder" in e.message)
            for e in course.errors] == [("b.md", True)]
