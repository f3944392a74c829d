"""Benchmark the progress store against bare sqlite3 in the same run.

Measures, each against a baseline of a bare ``sqlite3`` INSERT + COMMIT into
the same kind of database (same ``attempts`` table, WAL, ``synchronous=NORMAL``,
same busy timeout), measured in the same run:

* throughput: attempts per second into one database from P processes;
* latency of one ``record_attempt`` (median and p95), for a right answer and
  for a wrong one (which also schedules a review).

Run: ``python benchmarks/bench_store.py [--processes 8] [--attempts 500]
[--latency 2000] [--out benchmarks/results/store.md]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from mediation_lessons.progress import open_store
from mediation_lessons.progress.store import DEFAULT_TIMEOUT

C, L = "mediation", "what-are-the-steps-of-mediation"
FORK = multiprocessing.get_context("fork")
BARE_INSERT = (
    "INSERT INTO attempts (uid, learner, course, lesson, step, question, context, response,"
    " correct, score, hints_used, settled, at)"
    " VALUES (?, ?, ?, ?, ?, ?, 'lesson', ?, ?, ?, ?, ?, ?)"
)


def bare_connection(path: Path) -> sqlite3.Connection:
    """A plain connection with the same pragmas the store uses."""
    conn = sqlite3.connect(path, timeout=DEFAULT_TIMEOUT, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(DEFAULT_TIMEOUT * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def bare_attempt(conn: sqlite3.Connection, learner: str, i: int, correct: bool) -> None:
    """The baseline: one INSERT and COMMIT of the same row the store writes."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(BARE_INSERT, (uuid.uuid4().hex, learner, C, L, f"step-{i % 5}", f"q{i}",
                               json.dumps({"i": i}), int(correct), float(correct), 0,
                               int(correct), time.time()))
    conn.execute("COMMIT")


def fresh_db(folder: Path, name: str) -> Path:
    """A new, migrated, empty progress database."""
    path = folder / f"{name}.sqlite3"
    open_store(path).close()
    return path


def _store_writer(path: str, writer: int, count: int, go: object, mixed: bool = False) -> None:
    store = open_store(path, timeout=60)
    go.wait()  # type: ignore[attr-defined]
    for i in range(count):
        correct = i % 2 == 0 or not mixed
        if not store.record_attempt(f"w{writer}", C, L, f"step-{i % 5}", f"q{i}", {"i": i},
                                    correct, float(correct)):
            raise SystemExit(1)
    store.close()


def _store_writer_mixed(path: str, writer: int, count: int, go: object) -> None:
    _store_writer(path, writer, count, go, mixed=True)


def _bare_writer(path: str, writer: int, count: int, go: object) -> None:
    conn = bare_connection(Path(path))
    go.wait()  # type: ignore[attr-defined]
    for i in range(count):
        bare_attempt(conn, f"w{writer}", i, True)
    conn.close()


def throughput(target: Callable[..., None], path: Path, processes: int, count: int) -> float:
    """Attempts per second written by ``processes`` writers of ``count`` attempts each."""
    go = FORK.Event()
    workers = [FORK.Process(target=target, args=(str(path), n, count, go))
               for n in range(processes)]
    for worker in workers:
        worker.start()
    time.sleep(0.5)  # let every writer open its connection
    start = time.perf_counter()
    go.set()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    if any(worker.exitcode for worker in workers):
        raise SystemExit("a writer failed")
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    if stored != processes * count:
        raise SystemExit(f"expected {processes * count} attempts, found {stored}")
    return stored / elapsed


def latencies(call: Callable[[int], None], rounds: int) -> list[float]:
    """Microseconds per call, after a short warm-up."""
    for i in range(50):
        call(-1 - i)
    out = []
    for i in range(rounds):
        start = time.perf_counter_ns()
        call(i)
        out.append((time.perf_counter_ns() - start) / 1000)
    return out


def bare_latencies(path: Path, correct: bool, rounds: int) -> list[float]:
    """Latencies of the baseline insert."""
    conn = bare_connection(path)

    def call(i: int) -> None:
        bare_attempt(conn, "ann", i, correct)

    try:
        return latencies(call, rounds)
    finally:
        conn.close()


def store_latencies(path: Path, correct: bool, rounds: int) -> list[float]:
    """Latencies of ``record_attempt``."""
    store = open_store(path)

    def call(i: int) -> None:
        if not store.record_attempt("ann", C, L, f"step-{i % 5}", f"q{i}", {"i": i}, correct,
                                    float(correct)):
            raise SystemExit(f"attempt not saved: {store.last_error or store.problem}")

    try:
        return latencies(call, rounds)
    finally:
        store.close()


def summary(values: list[float]) -> tuple[float, float]:
    """(median, p95)."""
    return statistics.median(values), statistics.quantiles(values, n=20)[18]


def main() -> None:
    """Run every measurement and print (and optionally write) a Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--attempts", type=int, default=500, help="per process")
    parser.add_argument("--latency", type=int, default=2000, help="single-writer calls per round")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds; baseline and store alternate in each round")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    writers = {"bare": _bare_writer, "right": _store_writer, "mixed": _store_writer_mixed}
    rates: dict[str, list[float]] = {name: [] for name in writers}
    samples: dict[tuple[str, bool], list[float]] = {
        (kind, correct): [] for kind in ("bare", "store") for correct in (True, False)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for round_ in range(args.repeat):
            for name, target in writers.items():
                path = fresh_db(folder, f"tp-{name}-{round_}")
                rates[name].append(throughput(target, path, args.processes, args.attempts))
            for correct in (True, False):
                samples[("bare", correct)] += bare_latencies(
                    fresh_db(folder, f"bare-{correct}-{round_}"), correct, args.latency)
                samples[("store", correct)] += store_latencies(
                    fresh_db(folder, f"store-{correct}-{round_}"), correct, args.latency)
    bare_tp, store_tp, mixed_tp = (statistics.median(rates[n]) for n in writers)
    rows = [(label, summary(samples[("bare", correct)]), summary(samples[("store", correct)]))
            for label, correct in (("right answer", True), ("wrong answer (+ review)", False))]
    spread = {n: f"{min(v):,.0f}–{max(v):,.0f}" for n, v in rates.items()}
    lines = [
        "# Progress store benchmark",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPU(s), Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}.",
        f"Reproduce: `python benchmarks/bench_store.py --processes {args.processes} "
        f"--attempts {args.attempts} --latency {args.latency} --repeat {args.repeat}`.",
        "",
        "Baseline: bare sqlite3 `BEGIN IMMEDIATE; INSERT; COMMIT` of the same row into the same "
        "schema with the same pragmas (WAL, synchronous=NORMAL, busy timeout), measured in "
        f"the same run. {args.repeat} rounds; in each, baseline and store alternate, so "
        "load from other programs falls on both.",
        "",
        f"## Throughput: {args.processes} processes × {args.attempts} attempts into one database",
        "",
        "| writer | median attempts/s | range over rounds | ratio to baseline |",
        "|---|---:|---:|---:|",
        f"| bare sqlite3 (baseline) | {bare_tp:,.0f} | {spread['bare']} | 1.00 |",
        f"| `record_attempt`, right answers | {store_tp:,.0f} | {spread['right']} "
        f"| {store_tp / bare_tp:.2f} |",
        f"| `record_attempt`, half wrong (+ review) | {mixed_tp:,.0f} | {spread['mixed']} "
        f"| {mixed_tp / bare_tp:.2f} |",
        "",
        f"## Latency of one call, single writer, {args.repeat} × {args.latency} calls (µs)",
        "",
        "| case | baseline median | baseline p95 | store median | store p95 "
        "| median ratio | p95 ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, bare, mine in rows:
        lines.append(f"| {label} | {bare[0]:.0f} | {bare[1]:.0f} | {mine[0]:.0f} | {mine[1]:.0f} "
                     f"| {mine[0] / bare[0]:.2f} | {mine[1] / bare[1]:.2f} |")
    lines += [
        "",
        "## Reading the figures",
        "",
        "* A right answer costs the store one INSERT, like the baseline; the difference is "
        "argument checks, JSON encoding, a uuid for idempotent import, and the lock.",
        "* A wrong answer also upserts the question's review slot (a second table and index), "
        "so it writes more pages and triggers WAL checkpoints (which fsync) more often: that "
        "shows in the p95.",
        "* With 8 writers on few cores, throughput is set by SQLite's busy-wait backoff and "
        "by scheduling more than by either code path; compare the ranges, not only medians.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
