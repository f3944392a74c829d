"""The ``report`` and ``progress`` commands: text, CSV, export, import, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mediation_lessons.cli import main
from mediation_lessons.progress import open_store
from mediation_lessons.progress.reporting import BAR_THRESHOLD, cell, wants_bar

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
C, L = "mediation", "what-are-the-steps-of-mediation"


def _classroom(path: Path) -> None:
    """Three learners; q-hard is missed first by everyone, q-easy by nobody."""
    with open_store(path) as store:
        for n, learner in enumerate(["ann", "bob", "cy"]):
            at = T0 + timedelta(minutes=n)
            store.record_attempt(learner, C, L, "opening", "q-easy", ["a"], True, 1.0, at=at)
            store.record_attempt(learner, C, L, "opening", "q-hard", ["b"], False, 0.0, at=at)
            store.record_attempt(learner, C, L, "opening", "q-hard", ["c"], True, 0.5, at=at)
            store.record_attempt(learner, C, L, "caucus", "q-mid", ["x"], n == 0, float(n == 0),
                                 at=at)
            store.complete_step(learner, C, L, "opening", [1.0, 0.5, 0.75][n], at=at)
            store.set_position(learner, C, L, "caucus", at=at)
        store.complete_step("ann", C, L, "caucus", 1.0, at=T0)


def test_report_prints_an_aligned_table_and_writes_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "progress.sqlite3"
    _classroom(db)
    out_csv = tmp_path / "report.csv"
    assert main(["report", "--db", str(db), "--csv", str(out_csv)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "3 learner(s), 12 attempt(s), 1 lesson(s)."
    header = next(line for line in lines if line.startswith("Course"))
    opening = next(line for line in lines if " opening " in line and "q-" not in line)
    caucus = next(line for line in lines if " caucus " in line and "q-" not in line)
    assert opening.split()[3:] == ["3", "3", "100%", "75%"]
    assert caucus.split()[3:] == ["3", "1", "33%", "100%"]
    # aligned: every column of the step rows ends where its header ends
    assert len(opening) == len(caucus) == len(header)
    hardest = [line.split()[2] for line in lines if " q-" in line]
    assert hardest == ["q-hard", "q-mid", "q-easy"]
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    steps = {r["step"]: r for r in rows if r["kind"] == "step"}
    assert steps["opening"]["completion"] == "1.0" and steps["opening"]["mean_score"] == "0.75"
    questions = {r["question"]: r for r in rows if r["kind"] == "question"}
    assert questions["q-hard"]["first_try_correct"] == "0.0"
    assert questions["q-hard"]["attempts"] == "6"
    assert float(questions["q-mid"]["first_try_correct"]) == pytest.approx(1 / 3, abs=1e-3)
    assert "Wrote 5 row(s)" in err and "%|" not in err


def test_report_for_one_course_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "progress.sqlite3"
    _classroom(db)
    with open_store(db) as store:
        store.record_attempt("dee", "other-course", "x", "s", "q", [], True, 1.0)
    assert main(["report", "--db", str(db), "--course", "other-course"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 learner(s), 1 attempt(s)") and "mediation" not in out


def test_an_empty_database_says_so_and_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "progress.sqlite3"
    open_store(db).close()
    assert main(["report", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "No attempts recorded yet."


def test_a_missing_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "progress.sqlite3"
    assert main(["report", "--db", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mediation-lessons: error: There is no progress database at")
    assert str(missing) in err and "--db" in err
    assert not missing.parent.exists()


def test_a_damaged_database_is_a_clear_error_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "progress.sqlite3"
    db.write_text("not a database")
    assert main(["report", "--db", str(db)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert db.read_text() == "not a database"


def test_export_and_import_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.sqlite3"
    _classroom(db)
    out = tmp_path / "bob.json"
    assert main(["progress", "export", "--learner", " bob ", "--db", str(db),
                 "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["learner"] == "bob" and len(data["attempts"]) == 4
    assert main(["progress", "export", "--learner", "bob", "--db", str(db),
                 "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    target = tmp_path / "b.sqlite3"
    assert main(["progress", "import", str(out), "--db", str(target)]) == 0
    assert "Imported 4 new attempt(s)" in capsys.readouterr().out
    assert main(["progress", "import", str(out), "--db", str(target)]) == 0
    assert "Imported 0 new attempt(s) for 'bob'" in capsys.readouterr().out
    assert open_store(target).attempt_count() == 4


def test_export_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.sqlite3"
    _classroom(db)
    assert main(["progress", "export", "--learner", "cy", "--db", str(db), "--out", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["learner"] == "cy"


def test_export_of_an_unknown_learner_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.sqlite3"
    _classroom(db)
    out = tmp_path / "x.json"
    assert main(["progress", "export", "--learner", "nobody", "--db", str(db),
                 "--out", str(out)]) == 1
    assert "No progress is recorded for learner 'nobody'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("content, message", [
    ('{"format": "mediation-lessons-progress",\n  "version": 1,\n  oops}', "bad.json:3: "
     "The file is not valid JSON"),
    ('[1, 2]', "bad.json: the file must be a JSON object"),
    ('{"format": "mediation-lessons-progress", "version": 1, "learner": "x", '
     '"attempts": [{"id": "a"}]}', "bad.json: attempts[0].course must be a non-empty string"),
])
def test_bad_import_files_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    target = tmp_path / "t.sqlite3"
    assert main(["progress", "import", str(bad), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert open_store(target).attempt_count() == 0


def test_import_of_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "import", str(tmp_path / "gone.json"),
                 "--db", str(tmp_path / "t.sqlite3")]) == 1
    assert "gone.json: The file does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_the_installed_command_runs_the_report(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    _classroom(db)
    result = subprocess.run([sys.executable, "-m", "mediation_lessons", "report", "--db", str(db)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "q-hard" in result.stdout


def test_progress_bar_only_for_long_reports_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_bar(BAR_THRESHOLD, Tty())
    assert not wants_bar(BAR_THRESHOLD - 1, Tty())
    assert not wants_bar(BAR_THRESHOLD * 10, io.StringIO())


def test_table_cells_cannot_smuggle_terminal_control_codes() -> None:
    assert cell("step\x1b[31mred\nnext") == "step\ufffd[31mred\ufffdnext"
    assert cell("x" * 100).endswith("…") and len(cell("x" * 100)) == 40
