"""The progress layer stays free of widgets and Jupyter front-end code."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import mediation_lessons.progress
import mediation_lessons.progress.dashboard
import mediation_lessons.progress.reporting
import mediation_lessons.progress.transfer
print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'IPython')))
"""


def test_importing_the_progress_layer_pulls_in_no_widgets_or_ipython() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_public_api_is_sorted_and_importable() -> None:
    import mediation_lessons.progress as progress

    assert progress.__all__ == sorted(progress.__all__)
    for name in progress.__all__:
        assert getattr(progress, name) is not None
