"""Load articles into lessons and folders into courses.

:func:`load_lesson` runs the content pipeline (read, split frontmatter,
validate fields, repair, split sections, render, embed the image) and returns a
:class:`~mediation_lessons.model.Lesson` or raises a
:class:`~mediation_lessons.errors.LessonError`; never any other exception.

Limits (each ends in an :class:`~mediation_lessons.errors.ArticleError` that
says it): a file holds at most 2 MiB; its title, summary, intro and body hold
at most 50,000 work units together (3 a line, 1 a markup character
``[ ! < > * _ & ` \\`` or list marker opening a line; about 16,000 lines), so
markdown-it, slow on some text, never makes anyone wait: the worst inputs
within the limits load in about a second (``benchmarks/bench_loader.py``
measures them). Plain prose costs almost nothing, so a 2 MiB article of long
paragraphs loads.

Decisions an author may meet:

- A body with no ``##`` sections becomes one step titled like the lesson (with
  a warning); an empty body is an error (a lesson needs at least one step).
- Text before the first ``##`` is added to the intro; the first ``#`` heading
  is the title when the frontmatter has none. A ``#`` heading repeating the
  frontmatter title is dropped (with a warning); another one stays in the intro.
- Sections written as ``#`` headings (two or more besides the title), or only
  as ``###`` headings (two or more), are the steps instead (with a warning).
  Setext headings count like ``#``/``##``; HTML ``<h2>`` headings (WordPress,
  Ghost exports) are steps too; ``## Title ##`` loses its closing hashes;
  ``##Title`` at the start of a line, which CommonMark reads as text, is read as
  a heading (with a warning). Headings in code are never steps.
- Step titles are plain text (emphasis, links and code markup dropped) without
  the number the app adds itself: ``1. Prepare`` and ``Step 2: Talk`` become
  ``Prepare`` and ``Talk`` (``2020: a year`` and ``1.5 million`` stay).
- A section repeated under the same title (a copy, the shorter one contained in
  or nearly all words shared with the other) is kept once, with the fuller text,
  at the first position; same title with different text keeps both.
- Frontmatter keys of other sites are mapped whatever their case style:
  ``date``/``created_at``/``CreatedAt`` give the creation date, ``lastmod``
  and ``modified`` the update, ``description``/``excerpt`` the summary,
  ``image``/``cover`` the image file, ``weight`` the order, ``categories`` (as
  text) the category; see :data:`~mediation_lessons.content.fields.ALIASES`.
  Unknown keys are kept in ``Lesson.extra``. Dates may be ISO, Jekyll's
  ``2021-03-04 10:00:00 +0100``, ``July 9, 2022`` or Unix timestamps; an
  impossible date is ignored with a warning on its own line.
- MDX ``import``/``export`` lines are left out and JSX components are never
  run (their tags are shown as text or dropped, with a warning). Raw HTML is
  sanitized like everything else.
- Images in the text are shown only from ``http(s)`` URLs (the learner's
  browser loads them; nothing is fetched while loading) or safe ``data:``
  URIs; file paths are left out with a warning. The lesson image
  (``imageSrc``) is a file inside the article's folder, embedded as a data URI.
- Footnotes (``[^1]``) are not a CommonMark feature: they stay as written text.

A course folder's articles are its ``*.md`` files, except hidden files and
``README.md`` (which describes the folder for people browsing it); quiz files
(``*.quiz.yaml``) are not articles. Lessons are sorted by frontmatter ``order``
(those without come last), then file name; two lessons with one slug keep the
first and record an error for the other. The course title is ``title:`` in an
optional ``course.yaml``, else the folder name humanized.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .content.budget import check_budget
from .content.fields import read_fields
from .content.frontmatter import load_yaml, split_frontmatter
from .content.images import lesson_image
from .content.markdown import plain_text, plain_title, render, render_tokens
from .content.reading import decode, read_bytes, read_text
from .content.repair import duplicate_sections, repair_text
from .content.sections import Body, Section, slugify, split_body, unique_slugs
from .errors import ArticleError, Finding, LessonError
from .model import Course, Lesson, Step

COURSE_FILE = "course.yaml"
IGNORED_ARTICLES = frozenset({"readme.md"})

__all__ = ["article_paths", "lesson_from_bytes", "lesson_from_text", "load_course",
           "load_course_article", "load_lesson"]


def load_lesson(path: str | os.PathLike[str]) -> Lesson:
    """The lesson of the article at ``path``; raises :class:`LessonError` if it can't be."""
    path = path if isinstance(path, Path) else Path(path)
    display = str(path)
    text, warnings = read_text(path, display)
    return lesson_from_text(text, path, warnings)


def lesson_from_bytes(data: bytes, path: str | os.PathLike[str]) -> Lesson:
    """The lesson of an article's raw bytes; ``path`` names it and anchors ``imageSrc``."""
    path = Path(path)
    text, warnings = decode(data, str(path))
    return lesson_from_text(text, path, warnings)


def lesson_from_text(text: str, path: Path, warnings: list[Finding] | None = None) -> Lesson:
    """The lesson of an article's decoded text (``\\n`` newlines)."""
    display = str(path)
    try:
        return _build(text, path, display, list(warnings or ()))
    except LessonError:
        raise
    except RecursionError:
        raise ArticleError("The article is nested too deeply to read (lists or quotes "
                           "inside each other); flatten it.", display) from None
    except Exception as error:  # the contract: only our own errors escape
        raise ArticleError(
            f"The article could not be loaded because of an unexpected problem "
            f"({type(error).__name__}: {error}); please report this with the file.",
            display) from error


def _build(text: str, path: Path, display: str, warnings: list[Finding]) -> Lesson:
    if not text or text.isspace():
        raise ArticleError("The file is empty; write the article's frontmatter and sections "
                           "in it.", display, 1)
    split = split_frontmatter(text, display)
    fields, found = read_fields(split, display)
    warnings += found
    lines = fields.lines
    texts = {}
    for key, what in (("title", "title"), ("summary", "summary"), ("intro", "intro"),
                      ("category", "category")):
        value = getattr(fields, key)
        if value:
            value, found = repair_text(value, what, display, split.fm_line, split.fm_text)
            warnings += found
        texts[key] = value
    body_text, found = repair_text(split.body, "body", display, split.body_line)
    warnings += found
    check_budget([("body", body_text, split.body_line),
                  *((what, texts[what] or "", what) for what in ("title", "summary", "intro"))],
                 display, lambda key: lines.get(key, split.fm_line))
    body = split_body(body_text, split.body_line, texts["title"])
    warnings += [Finding(display, line, "warning", message)
                 for line, message in sorted(body.notes, key=lambda note: note[0])]

    title = _title(texts["title"], body, path, split.fm_line, lines, warnings)
    intro_parts = [texts["intro"] or "", body.preamble]
    sections = body.sections
    if not sections:
        if not body.preamble.strip():
            raise ArticleError(
                "The article has no content after its frontmatter; add sections, each "
                "starting with a `## Heading` line.", display, split.body_line)
        warnings.append(Finding(
            display, split.body_line, "warning",
            "The article has no `## ` sections, so its whole body is one step; add "
            "`## Heading` lines to split it into steps."))
        sections = [Section(title, split.body_line, body.preamble, body.preamble_tokens)]
        intro_parts = [texts["intro"] or ""]
    steps = _steps(sections, display, warnings)
    intro = "\n\n".join(part.strip("\n") for part in intro_parts if part.strip())
    summary = texts["summary"] or ""

    image, found = lesson_image(fields.image_src, fields.image_base64, path.parent,
                                display, lines, fields.keys.get("imageSrc", "imageSrc"))
    warnings += found
    if fields.slug:
        slug = slugify(fields.slug, "")
        if not slug:
            warnings.append(Finding(display, lines.get("slug"), "warning",
                                    f"`slug` {fields.slug!r} has no letters or digits; the "
                                    "file name is used instead."))
    else:
        slug = ""
    slug = slug or slugify(path.stem, "lesson")
    return Lesson(
        path=path, title=title, slug=slug, category=texts["category"],
        summary=summary, summary_html=render(summary),
        intro_markdown=intro, intro_html=render(intro),
        created=fields.created, updated=fields.updated, image=image,
        steps=steps, warnings=tuple(warnings), extra=fields.extra, order=fields.order,
    )


def _title(title: str | None, body: Body, path: Path, fm_line: int,
           lines: Mapping[str, int], warnings: list[Finding]) -> str:
    """The lesson's plain-text title: frontmatter, else the first ``#`` heading."""
    display = str(path)
    from_heading = not title
    if not title:
        if not body.heading:
            raise ArticleError(
                "The article has no title; add `title: ...` to the frontmatter or a "
                "`# Title` line before the first section.", display, fm_line)
        title = body.heading
    plain = plain_title(title)
    if plain != title:
        plain = plain or humanize(path.stem)
        line = body.heading_line if from_heading else lines.get("title")
        warnings.append(Finding(display, line, "warning",
                                f"The title holds markup; it is shown as plain text {plain!r}."))
    return plain


def _steps(sections: list[Section], display: str, warnings: list[Finding]) -> tuple[Step, ...]:
    texts = [plain_text(section.tokens) for section in sections]
    plan, found = duplicate_sections(
        [(s.title, t, s.line) for s, t in zip(sections, texts, strict=True)], display)
    warnings += found
    kept: list[tuple[Section, int]] = []
    for index, section in enumerate(sections):
        source = plan.get(index, index)
        if source < 0:
            continue
        content = sections[source]
        kept.append((Section(section.title, section.line, content.markdown, content.tokens),
                     source))
    titles = []
    for number, (section, _) in enumerate(kept, start=1):
        if not section.title:
            warnings.append(Finding(display, section.line, "warning",
                                    f"Section {number} has an empty heading; it is called "
                                    f"'Step {number}'. Write a title after `##`."))
        titles.append(section.title or f"Step {number}")
    slugs = unique_slugs(titles)
    steps = []
    for (section, source), title, slug in zip(kept, titles, slugs, strict=True):
        if not texts[source].strip():
            warnings.append(Finding(display, section.line, "warning",
                                    f"The section {title!r} is empty; write its text or "
                                    "remove the heading."))
        steps.append(Step(title=title, slug=slug, markdown=section.markdown,
                          html=render_tokens(section.tokens), text=texts[source],
                          line=section.line))
    return tuple(steps)


def article_paths(folder: str | os.PathLike[str]) -> list[Path]:
    """The article files of a course folder, sorted by name."""
    return [path for path, _ in _article_entries(Path(folder))]


def _article_entries(folder: Path) -> list[tuple[Path, bool]]:
    """(path, is a symbolic link) of each article of ``folder``, sorted by name."""
    try:
        with os.scandir(folder) as entries:
            found = sorted(
                (entry.name, entry.is_symlink()) for entry in entries
                if entry.name.endswith(".md") and not entry.name.startswith(".")
                and entry.name.lower() not in IGNORED_ARTICLES and not entry.is_dir())
    except OSError as error:
        raise ArticleError(f"The course folder cannot be read ({error.strerror}); check "
                           "the path.", str(folder)) from None
    return [(folder / name, link) for name, link in found]


def load_course_article(path: Path, root: Path, is_link: bool | None = None) -> Lesson:
    """Load an article of the course folder ``root``, refusing links that lead outside it."""
    try:
        if is_link is None:
            is_link = path.is_symlink()
        inside = not is_link or path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop: reading it reports the problem
        inside = True
    if not inside:
        raise ArticleError("The article is a link to a file outside the course folder; copy "
                           "the file into the folder instead.", str(path))
    return load_lesson(path)


def humanize(name: str) -> str:
    """A title from a folder name: ``conflict-resolution_101`` → ``Conflict resolution 101``."""
    words = " ".join(name.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:] if words else "Course"


def course_title(folder: Path) -> tuple[str, list[Finding]]:
    """The course title from ``course.yaml`` if it has one, and problems with that file."""
    fallback = humanize(folder.resolve().name if folder.name in ("", ".", "..") else folder.name)
    config = folder / COURSE_FILE
    display = str(config)
    if not config.exists():
        return fallback, []
    try:
        text, found = decode(read_bytes(config, display), display)
        data = load_yaml(text, display, 1, "course file")
    except LessonError as error:
        return fallback, [Finding(display, error.line, "warning",
                                  f"{error.message} The folder name is used as the title.")]
    title = data.get("title") if isinstance(data, dict) else None
    if isinstance(title, str) and title.strip():
        return " ".join(title.split()), found
    return fallback, [*found, Finding(display, None, "warning",
                                      "course.yaml has no `title:` text; the folder name is "
                                      "used as the course title.")]


def load_course(folder: str | os.PathLike[str]) -> Course:
    """The course of a folder of articles; broken articles go to ``Course.errors``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError("This is not a folder of articles; pass a course folder.",
                           str(folder))
    title, warnings = course_title(folder)
    lessons: list[Lesson] = []
    errors: list[LessonError] = []
    for path, is_link in _article_entries(folder):
        try:
            lessons.append(load_course_article(path, folder, is_link))
        except LessonError as error:
            errors.append(error)
    lessons.sort(key=lambda lesson: (lesson.order is None, lesson.order or 0,
                                     lesson.path.name))
    unique: list[Lesson] = []
    owner: dict[str, Lesson] = {}
    for lesson in lessons:
        if lesson.slug in owner:
            errors.append(ArticleError(
                f"The lesson slug {lesson.slug!r} is already used by "
                f"{owner[lesson.slug].path.name}; set a different `slug:` in the "
                "frontmatter or rename the file.", str(lesson.path)))
            continue
        owner[lesson.slug] = lesson
        unique.append(lesson)
    return Course(path=folder, title=title, lessons=tuple(unique), errors=tuple(errors),
                  warnings=tuple(warnings))
