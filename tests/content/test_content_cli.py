"""The ``check`` command, through ``main([...])`` and once as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mediation_lessons as ml
from mediation_lessons.cli import main
from mediation_lessons.content.check import check_paths

DATA = Path(__file__).parent / "data"
LINE = re.compile(r"^.+?(:\d+)?: (error|warning): \S.*$")


def test_shipped_course_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ml.SHIPPED_COURSE)]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert all(": warning: " in line for line in lines)
    assert any("mojibake" in line for line in lines)
    assert "0 error(s)" in out.err


def test_errors_exit_one_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    bad = DATA / "invalid_yaml.md"
    assert main(["check", str(bad), str(DATA / "crlf_bom.md")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{bad}:5: error: The frontmatter is not valid YAML")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(DATA / "yaml_coercions.md"),
                 str(DATA / "alias_bomb.md")]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in findings} == {"warning", "error"}
    assert all(set(f) == {"path", "line", "severity", "message"} for f in findings)
    assert findings[-1]["line"] == 4 and "alias" in findings[-1]["message"]


def test_folder_reports_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(DATA)]) == 1
    findings = json.loads(capsys.readouterr().out)
    paths = {Path(f["path"]).name for f in findings}
    expected = {case.name for case in DATA.glob("*.md")
                if json.loads(case.with_suffix(".expected.json").read_text()).get("error")}
    assert expected <= paths


def test_missing_path_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_library_function_matches_cli(tmp_path: Path) -> None:
    empty = tmp_path / "empty-course"
    empty.mkdir()
    findings = check_paths([empty, DATA / "empty.md", tmp_path / "gone.md"])
    assert [(f.severity, f.message.split(";")[0]) for f in findings] == [
        ("warning", "The folder has no articles (*.md files)."),
        ("error", "The file is empty"),
        ("error", "The path does not exist"),
    ]


def test_subprocess_never_shows_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mediation_lessons", "check", str(DATA), str(ml.SHIPPED_COURSE)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert all(LINE.match(line) for line in proc.stdout.splitlines())
    assert "error(s)" in proc.stderr


def test_quiz_findings_are_included(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = pytest.importorskip("mediation_lessons.quiz")
    if not hasattr(quiz, "check_quiz"):
        pytest.skip("the quiz checker is not available")
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\n\n## Step\n\nSome text here.\n")
    (tmp_path / "a.quiz.yaml").write_text("questions: [\n")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'a.quiz.yaml'}:" in out and ": error: " in out


def test_folder_check_reports_repeated_slugs(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("---\ntitle: One\nslug: same\n---\n\n## S\n\nText.\n")
    (tmp_path / "two.md").write_text("---\ntitle: Two\nslug: same\n---\n\n## S\n\nText.\n")
    findings = [f for f in check_paths([tmp_path]) if f.severity == "error"]
    assert len(findings) == 1 and findings[0].path == str(tmp_path / "two.md")
    assert "already used by one.md" in findings[0].message
