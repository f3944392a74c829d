"""Every notebook the project ships runs cleanly in a real kernel (nbclient)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mediation_lessons.server import APP_NOTEBOOK

REPO = Path(__file__).parent.parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_executes_cleanly(path: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIATION_LESSONS_DB", str(tmp_path / "progress.sqlite3"))
    monkeypatch.delenv("MEDIATION_LESSONS_COURSE", raising=False)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=dict(os.environ))
    outputs = [out for cell in notebook.cells if cell.cell_type == "code"
               for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.output_type == "error"]
    if path.name in ("course_app.ipynb", "start_here.ipynb"):
        assert any(WIDGET_VIEW in out.get("data", {}) for out in outputs)
        assert not [out for out in outputs if out.get("name") == "stderr"]
        assert (tmp_path / "progress.sqlite3").exists()


def test_the_served_notebook_is_the_one_in_notebooks() -> None:
    assert APP_NOTEBOOK.read_bytes() == (REPO / "notebooks" / "course_app.ipynb").read_bytes()


def test_notebooks_are_thin() -> None:
    for name in ("course_app.ipynb", "start_here.ipynb"):
        notebook = nbformat.read(REPO / "notebooks" / name, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert 1 <= len(code) <= 2
        assert all(len(cell.source.splitlines()) <= 4 for cell in code)


@pytest.mark.slow
def test_a_failing_callback_in_a_kernel_shows_a_message_not_a_traceback() -> None:
    """In a kernel an exception leaving an ``Output`` context becomes a traceback there;
    the guard must catch it first and show a sentence."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(
        "from mediation_lessons.widgets.guard import ErrorBox, guarded\n"
        "box = ErrorBox()\n"
        "def fail():\n"
        "    raise RuntimeError('boom')\n"
        "guarded(box, fail)()\n"
        "print(box.layout.display, box.shown)\n"
        "print(len(box.output.outputs))")]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    assert not [out for out in outputs if out.output_type == "error"]
    text = "".join(out.get("text", "") for out in outputs if out.get("name") == "stdout")
    assert "None" in text and "Something went wrong" in text and "boom" in text
    assert text.rstrip().endswith("0")  # nothing (no traceback) went into the Output widget
