"""Benchmark: ``load_course`` against the bare parse pipeline, and the cold import time.

Run ``python benchmarks/bench_loader.py``. It writes 1,000 seed-sized articles
(the shipped article's structure and repairs, with varied text) to a temporary
folder, then times in the same run:

- bare: python-frontmatter parse + markdown-it render + nh3 sanitize per file;
- ours: ``mediation_lessons.load_course`` over the folder (the full pipeline).

It reports the ratio ours/bare, articles per second (one process, one core)
and the median cold ``import mediation_lessons`` time from ``python -X importtime``.

Then the worst cases: for each text shape markdown-it is slowest on (links,
images, emphasis, HTML blocks, nested lists and quotes), the longest article
the loader's work limit accepts is built and loaded once; the slowest must
stay under 2 s, and one unit more must be refused at once.
"""

from __future__ import annotations

import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mediation_lessons as ml  # noqa: E402

ARTICLES = 1000
ROUNDS = 7
IMPORT_RUNS = 9
SEED = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"
WORDS = ("agreement", "party", "neutral", "session", "issue", "outcome", "mediator",
         "dispute", "conflict", "solution", "interest", "option", "trust", "court")


def make_articles(folder: Path, count: int) -> None:
    """Write ``count`` articles shaped like the seed with varied words and titles."""
    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(1)
    word = re.compile(r"\b(mediation|mediator\(s\)|parties|agreement|issues)\b")
    for n in range(count):
        text = word.sub(lambda _: rng.choice(WORDS), seed)
        text = text.replace("title: What are the steps of mediation?",
                            f"title: Lesson {n}: {rng.choice(WORDS)} and {rng.choice(WORDS)}")
        heads = text.split("\n## ")
        body = [heads[0]] + [h for h in heads[1:] if rng.random() > 0.1 or "Conclusion" in h]
        (folder / f"article-{n:04d}.md").write_text("\n## ".join(body), encoding="utf-8")


def bare(folder: Path) -> int:
    """The bare pipeline over every article: frontmatter + markdown-it + nh3."""
    import frontmatter
    import nh3
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    count = 0
    for path in sorted(folder.glob("*.md")):
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        nh3.clean(md.render(post.content))
        count += 1
    return count


def ours(folder: Path) -> int:
    """The package's full pipeline over the folder."""
    course = ml.load_course(folder)
    if course.errors:
        raise SystemExit(f"benchmark articles failed to load: {course.errors[0]}")
    return len(course.lessons)


def best_times(folder: Path) -> tuple[float, float]:
    """Best CPU time of ``ROUNDS`` interleaved runs of the bare pipeline and ours.

    Rounds alternate so both see the same machine load; CPU time of this
    process (not wall time) keeps other processes on the machine out of it.
    """
    bare_times: list[float] = []
    our_times: list[float] = []
    for _ in range(ROUNDS):
        for func, times in ((bare, bare_times), (ours, our_times)):
            start = time.process_time()
            if func(folder) != ARTICLES:
                raise SystemExit("not every article was processed")
            times.append(time.process_time() - start)
    return min(bare_times), min(our_times)


def import_ms() -> float:
    """Median cold ``import mediation_lessons`` time (ms) from ``-X importtime``."""
    samples = []
    for _ in range(IMPORT_RUNS):
        command = [sys.executable, "-X", "importtime", "-c", "import mediation_lessons"]
        proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        line = next(x for x in proc.stderr.splitlines() if x.endswith("| mediation_lessons"))
        samples.append(int(line.split("|")[1]) / 1000)
    return statistics.median(samples)


WORST_SHAPES = ("[a](", "![", "[", "[a][", "[^", "*_", "**a", "<a ", "`a``", "<div>\n",
                "<div><div>\n", "- a\n", "- - - - - - - - a\n", "1. 1. 1. 1. a\n",
                "> - > - a\n", "> 1. > - > a\n", "|a|b|\n|-|-|\n", "a\n", "## a\n",
                "[![a](b)](c)", "- [a](b)\n", "&amp;", "\\*")


def worst_cases() -> list[tuple[float, str, int]]:
    """(CPU seconds, shape, characters) of the largest accepted article of each shape."""
    from mediation_lessons.content.budget import MAX_MARKUP_UNITS, markup_units
    from mediation_lessons.errors import ArticleError
    from mediation_lessons.loader import lesson_from_text

    head, path = "---\ntitle: T\n---\n\n## Step\n\n", Path("worst.md")
    results = []
    for shape in WORST_SHAPES:
        body = shape * MAX_MARKUP_UNITS
        low, high = 0, len(body)
        while low < high:  # the longest body the budget accepts (title: 3 units)
            middle = (low + high + 1) // 2
            if markup_units("\n## Step\n\n" + body[:middle] + "\n") + 9 <= MAX_MARKUP_UNITS:
                low = middle
            else:
                high = middle - 1
        text = head + body[:low] + "\n"
        start = time.process_time()
        lesson_from_text(text, path)
        elapsed = time.process_time() - start
        start = time.process_time()
        try:
            lesson_from_text(text + shape * 3, path)
        except ArticleError:
            pass
        else:
            raise SystemExit(f"over the limit but accepted: {shape!r}")
        if time.process_time() - start > 0.05:
            raise SystemExit(f"refusing took too long: {shape!r}")
        results.append((elapsed, shape, low))
    return sorted(results, reverse=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_articles(folder, ARTICLES)
        size = sum(p.stat().st_size for p in folder.glob("*.md")) / ARTICLES
        bare(folder), ours(folder)  # warm the file cache and lazy imports
        t_bare, t_ours = best_times(folder)
    cold = import_ms()
    ratio = t_ours / t_bare
    rate = ARTICLES / t_ours
    print(f"articles: {ARTICLES} of {size:,.0f} bytes on average; "
          f"best CPU time of {ROUNDS} interleaved rounds")
    print(f"bare pipeline : {t_bare * 1000:8.1f} ms ({ARTICLES / t_bare:,.0f} articles/s)")
    print(f"load_course   : {t_ours * 1000:8.1f} ms ({rate:,.0f} articles/s)")
    print(f"ratio         : {ratio:.2f}x bare (target <= 1.5x)")
    print(f"cold import   : {cold:.1f} ms median of {IMPORT_RUNS} (target < 150 ms)")
    worst = worst_cases()
    print("worst cases at the work limit (CPU time of one load):")
    for elapsed, shape, size in worst[:6]:
        print(f"  {elapsed:5.2f} s  {shape!r:24} x {size // len(shape):,} ({size:,} chars)")
    ok = ratio <= 1.5 and rate >= 1000 and cold < 150 and worst[0][0] < 2
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
