"""The course app under Voilà, measured in a real browser against a bare notebook.

Both notebooks are served the same way in the same run (the package's
``VoilaServer`` with the shipped ``voila.json``), and driven by headless
Chromium through Playwright:

* the app: ``mediation_lessons/app/course_app.ipynb`` on the shipped course;
* the baseline: ``benchmarks/baseline/bare.ipynb``, one Button that updates a Label.

Measured (ratios are app / bare):

1. time to interactive: navigation until the first step's Check button is
   visible (the app: course page, then "Start lesson"; bare: its button).
   Also with preheated kernels (``--preheat``), where the goal is absolute;
2. Check round trip: click until the feedback changes, timed in the page
   (``performance.now`` and a ``MutationObserver``); median and p95;
3. kernel memory per learner: RSS of the one kernel after a page load;
4. ten learners at once: ten pages opened together until all are interactive.

Run: ``python benchmarks/bench_app.py [--rounds 5] [--out benchmarks/results/app.md]``.
Linux only (``/proc``); needs ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.server import APP_NOTEBOOK, ServeOptions, VoilaServer, free_port

HERE = Path(__file__).parent
BARE = HERE / "baseline" / "bare.ipynb"
RESULTS = HERE / "results" / "app.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 120_000
LEARNERS = 10
CROWD_TIMEOUT_MS = 180_000
PREHEAT_SETTLE = 8.0
"""Seconds a new preheated kernel is given to execute the notebook before the next page."""

# Click a button and resolve with the milliseconds until `target` changes.
ROUND_TRIP_JS = """
([button, target]) => new Promise((resolve, reject) => {
  const before = target.innerHTML;
  const start = performance.now();
  const timer = setTimeout(() => reject(new Error("no feedback within 30 s")), 30000);
  const observer = new MutationObserver(() => {
    if (target.innerHTML !== before) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - start);
    }
  });
  observer.observe(target, {subtree: true, childList: true, characterData: true,
                            attributes: true});
  button.click();
})
"""


@dataclass
class Subject:
    """One notebook being measured: how to serve it and when it is interactive."""

    name: str
    notebook: Path
    ready: str
    """Selector visible once a learner can act."""
    open_first_step: Callable[[Page], None] = lambda page: None
    course: Path | None = None


@dataclass
class Results:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, metric: str, app: float, bare: float, unit: str, goal: str,
            met: bool) -> None:
        ratio = app / bare if bare else float("nan")
        self.rows.append((metric, f"{app:.{_digits(unit)}f} {unit}",
                          f"{bare:.{_digits(unit)}f} {unit}", f"{ratio:.2f}×", goal,
                          "yes" if met else "**no**"))
        print(f"{metric}: app {app:.3f} {unit}, bare {bare:.3f} {unit}, ratio {ratio:.2f}, "
              f"goal {goal}: {'met' if met else 'missed'}", flush=True)


def _digits(unit: str) -> int:
    return 0 if unit == "ms" else 1 if unit == "MiB" else 2


def open_lesson(page: Page) -> None:
    page.locator(".ml-course-card .ml-open").first.click()
    page.locator(".ml-question .ml-check").first.wait_for(state="visible")


APP = Subject("app", APP_NOTEBOOK, ".ml-course-card .ml-open", open_lesson, SHIPPED_COURSE)
BARE_SUBJECT = Subject("bare", BARE, ".ml-check")


# -- servers and processes --------------------------------------------------------


@contextmanager
def serving(subject: Subject, db: Path, preheat: bool = False,
            pool_size: int = 1) -> Iterator[VoilaServer]:
    options = ServeOptions(port=free_port(), notebook=subject.notebook, course=subject.course,
                           db=db, preheat=preheat, pool_size=pool_size)
    server = VoilaServer(options)
    server.start(timeout=120)
    try:
        yield server
    finally:
        server.stop()


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (the kernels of a Voilà server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def kernel_pids(server: VoilaServer) -> list[int]:
    assert server.pid is not None
    pids = []
    for pid in children(server.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel" in command:
            pids.append(pid)
    return pids


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def wait_for_new_kernel(server: VoilaServer, seen: set[int], timeout: float = 90) -> None:
    """Wait until a kernel not in ``seen`` runs and has executed the notebook (pool refill)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if set(kernel_pids(server)) - seen:
            time.sleep(PREHEAT_SETTLE)
            return
        time.sleep(0.2)
    raise RuntimeError("the kernel pool did not refill")


def close(page: Page) -> None:
    """Close a page as a learner would, so Voilà shuts its kernel down."""
    context = page.context
    page.close(run_before_unload=True)
    context.close()


# -- measurements -----------------------------------------------------------------


def time_to_interactive(browser: Browser, server: VoilaServer, subject: Subject,
                        rounds: int, preheated: bool = False,
                        warm_cache: bool = False) -> list[tuple[float, float]]:
    """(first view, first step) seconds from navigation, ``rounds`` times.

    The first view is ``subject.ready`` visible (the app's course page); the
    first step is its Check button visible. ``warm_cache`` reuses one browser
    context, as a returning learner's browser would.
    """
    times = []
    seen: set[int] = set()
    shared = browser.new_context() if warm_cache else None
    for _ in range(rounds):
        if preheated:
            wait_for_new_kernel(server, seen)
        seen |= set(kernel_pids(server))
        page = (shared or browser.new_context()).new_page()
        page.set_default_timeout(TIMEOUT_MS)
        start = time.perf_counter()
        page.goto(server.url, wait_until="commit")
        page.locator(subject.ready).first.wait_for(state="visible")
        first_view = time.perf_counter() - start
        subject.open_first_step(page)
        times.append((first_view, time.perf_counter() - start))
        if shared is None:
            close(page)
        else:
            page.close(run_before_unload=True)
        time.sleep(1)
    if shared is not None:
        shared.close()
    return times


def bare_round_trips(browser: Browser, server: VoilaServer, count: int) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.url)
    button = page.locator(".ml-check").first
    button.wait_for(state="visible")
    target = page.locator(".ml-feedback").first
    times = [float(page.evaluate(ROUND_TRIP_JS, [button.element_handle(),
                                                 target.element_handle()]))
             for _ in range(count)]
    close(page)
    return times


def app_round_trips(browser: Browser, server: VoilaServer, key: list[dict[str, Any]],
                    learner: str) -> list[float]:
    """Check → feedback times on every choice question, wrong tries first, then right."""
    context = browser.new_context()
    context.add_cookies([{"name": "mediation_learner", "value": learner, "url": server.url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.url)
    page.locator(APP.ready).first.wait_for(state="visible")
    open_lesson(page)
    steps: list[str] = []
    for question in key:
        if question["step"] not in steps:
            steps.append(question["step"])
    times = []
    for number, step in enumerate(steps, 1):
        if number > 1:
            page.locator(".ml-next").first.click()
            page.locator(".ml-step-nav .ml-current", has_text=f"{number}.").first.wait_for()
        for question in key:
            if question["step"] != step or question["type"] != "single":
                continue
            box = page.locator(".ml-question", has=page.locator(
                ".ml-prompt", has_text=question["prompt"][:40])).first
            options = question["options"]
            wrong = [o["text"] for o in options if o["id"] != question["answer"]]
            right = next(o["text"] for o in options if o["id"] == question["answer"])
            tries = [*wrong[: question["max_tries"] - 1], right]
            for text in tries:
                box.get_by_role("radio", name=text, exact=True).check()
                times.append(float(page.evaluate(ROUND_TRIP_JS, [
                    box.locator(".ml-check").element_handle(),
                    box.locator(".ml-feedback").element_handle()])))
    close(page)
    return times


def kernel_memory(browser: Browser, server: VoilaServer, subject: Subject) -> float:
    """RSS (MiB) of the kernel serving one learner after the first step is shown."""
    before = set(kernel_pids(server))
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.url)
    page.locator(subject.ready).first.wait_for(state="visible")
    subject.open_first_step(page)
    time.sleep(1)
    new = set(kernel_pids(server)) - before
    if len(new) != 1:
        raise RuntimeError(f"expected one new kernel, found {len(new)}")
    rss = rss_mib(new.pop())
    close(page)
    return rss


def many_learners(browser: Browser, server: VoilaServer, subject: Subject,
                  learners: int) -> tuple[float, list[str]]:
    """Seconds until ``learners`` pages opened at once are all interactive, and failures.

    A page still not interactive after ``CROWD_TIMEOUT_MS`` is reported (with what
    it shows) instead of ending the run.
    """
    contexts = [browser.new_context() for _ in range(learners)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(CROWD_TIMEOUT_MS)
    failures = []
    start = time.perf_counter()
    for page in pages:
        page.goto(server.url, wait_until="commit")
    for number, page in enumerate(pages, 1):
        try:
            page.locator(subject.ready).first.wait_for(state="visible")
        except PlaywrightError:
            shown = page.locator("body").inner_text(timeout=5_000)[:200]
            failures.append(f"learner {number}: not interactive after "
                            f"{CROWD_TIMEOUT_MS // 1000} s, page shows {shown!r}")
    elapsed = time.perf_counter() - start
    for page in pages:
        close(page)
    return elapsed, failures


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def answer_key() -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "mediation_lessons", "export-quiz", str(SHIPPED_COURSE),
         "--format", "json"], capture_output=True, text=True, check=True)
    return list(json.loads(result.stdout)["lessons"][0]["questions"])


# -- the run ----------------------------------------------------------------------


def run(rounds: int) -> Results:
    results = Results()
    key = answer_key()
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            measured: dict[str, dict[str, Any]] = {}
            for subject in (BARE_SUBJECT, APP):
                print(f"-- {subject.name}", flush=True)
                numbers: dict[str, Any] = {}
                # A fresh server for each phase, so no kernel of an earlier phase competes.
                with serving(subject, work / f"{subject.name}-1.sqlite3") as server:
                    time_to_interactive(browser, server, subject, 1)  # warm caches
                    numbers["tti"] = time_to_interactive(browser, server, subject, rounds)
                with serving(subject, work / f"{subject.name}-2.sqlite3") as server:
                    numbers["rss"] = kernel_memory(browser, server, subject)
                    if subject is APP:
                        numbers["trip"] = (app_round_trips(browser, server, key, "bench-1")
                                           + app_round_trips(browser, server, key, "bench-2"))
                    else:
                        numbers["trip"] = bare_round_trips(browser, server, 60)
                with serving(subject, work / f"{subject.name}-3.sqlite3") as server:
                    time_to_interactive(browser, server, subject, 1)
                    numbers["crowd"], numbers["crowd_failures"] = many_learners(
                        browser, server, subject, LEARNERS)
                with serving(subject, work / f"{subject.name}-4.sqlite3",
                             preheat=True) as server:
                    numbers["preheat"] = time_to_interactive(
                        browser, server, subject, rounds, preheated=True)
                    numbers["warm"] = time_to_interactive(
                        browser, server, subject, rounds, preheated=True, warm_cache=True)
                measured[subject.name] = numbers
        finally:
            browser.close()
    app, bare = measured["app"], measured["bare"]
    median = statistics.median

    def total(runs: list[tuple[float, float]]) -> float:
        return median(t for _, t in runs)

    def first(runs: list[tuple[float, float]]) -> float:
        return median(f for f, _ in runs)

    tti, tti_bare = total(app["tti"]), total(bare["tti"])
    results.add("Time to interactive (median)", tti, tti_bare, "s", "≤ 1.2× bare",
                tti <= 1.2 * tti_bare)
    pre, pre_bare = total(app["preheat"]), total(bare["preheat"])
    results.add("Time to interactive, preheated (median)", pre, pre_bare, "s", "≤ 1.0 s",
                pre <= 1.0)
    warm, warm_bare = total(app["warm"]), total(bare["warm"])
    results.add("Time to interactive, preheated, returning browser (median)", warm,
                warm_bare, "s", "≤ 1.0 s", warm <= 1.0)
    trip, trip_bare = median(app["trip"]), median(bare["trip"])
    results.add("Check → feedback (median)", trip, trip_bare, "ms", "≤ 1.5× bare",
                trip <= 1.5 * trip_bare)
    results.add("Check → feedback (p95)", p95(app["trip"]), p95(bare["trip"]), "ms",
                "≤ 50 ms", p95(app["trip"]) <= 50)
    results.add("Kernel RSS per learner", app["rss"], bare["rss"], "MiB", "≤ bare + 15 MiB",
                app["rss"] <= bare["rss"] + 15)
    crowd_ok = not app["crowd_failures"] and not bare["crowd_failures"]
    results.add(f"{LEARNERS} learners at once (all interactive)", app["crowd"], bare["crowd"],
                "s", "≤ 1.3× bare", crowd_ok and app["crowd"] <= 1.3 * bare["crowd"])
    for name in ("app", "bare"):
        for failure in measured[name]["crowd_failures"]:
            results.notes.append(f"- {LEARNERS} learners at once, {name}: {failure}.")
    for label, key_ in (("cold", "tti"), ("preheated", "preheat"),
                        ("preheated, returning browser", "warm")):
        results.notes.append(
            f"- Breakdown, {label}: the app's course page is interactive after "
            f"{first(app[key_]):.2f} s (bare notebook's button: {first(bare[key_]):.2f} s); "
            f"opening the lesson on its first step adds {total(app[key_]) - first(app[key_]):.2f}"
            " s.")
    results.notes.append(
        f"- Samples: {rounds} page loads per time-to-interactive figure (after one warm-up "
        f"load for cold figures); Check round trips: {len(app['trip'])} for the app (every "
        f"single-choice question: wrong tries, then the right answer; two learners) and "
        f"{len(bare['trip'])} for the bare button.")
    for name, runs in (("cold", "tti"), ("preheated", "preheat"), ("returning", "warm")):
        results.notes.append(
            f"- Raw first-step times, {name} (s): app "
            + ", ".join(f"{t:.2f}" for _, t in app[runs]) + "; bare "
            + ", ".join(f"{t:.2f}" for _, t in bare[runs]) + ".")
    results.notes.append(f"- Kernel RSS difference: {app['rss'] - bare['rss']:.1f} MiB.")
    return results


def report(results: Results, rounds: int) -> str:
    lines = [
        "# Course app under Voilà: benchmark",
        "",
        "Produced by `python benchmarks/bench_app.py"
        + (f" --rounds {rounds}" if rounds != 5 else "") + "`. The app "
        "(`mediation_lessons/app/course_app.ipynb` on the shipped course) and the bare "
        "one-button notebook (`benchmarks/baseline/bare.ipynb`) are served the same way "
        "(`VoilaServer`, shipped `voila.json`) in the same run and driven by headless "
        "Chromium (Playwright). Ratios are app / bare.",
        "",
        f"Machine: {platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| Metric | App | Bare | Ratio | Goal | Met |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in results.rows),
        "",
        "What each figure is:",
        "",
        "- *Time to interactive*: from navigation until the first step's Check button is "
        "visible. The app needs two views for that (course page, then \"Start lesson\"); "
        "the bare notebook shows its button at once. *Preheated*: the same with "
        "`--preheat` (one kernel kept ready, the notebook already executed), measured after "
        "the pool refilled. *Returning browser*: the same, in one browser context whose "
        "cache is warm, as for a learner coming back.",
        "- *Check → feedback*: measured in the page, from the click to the first DOM change "
        "of the feedback area (`performance.now` + `MutationObserver`).",
        "- *Kernel RSS*: `VmRSS` of the single kernel serving one learner, after the first "
        "step is shown.",
        f"- *{LEARNERS} learners at once*: {LEARNERS} browser contexts navigate together; "
        "time until every page is interactive (app: course page; bare: its button).",
        "",
        *(f"{note}" for note in results.notes),
        "",
    ]
    return "\n".join(lines)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="page loads per figure")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown report")
    args = parser.parse_args()
    results = run(args.rounds)
    text = report(results, args.rounds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
